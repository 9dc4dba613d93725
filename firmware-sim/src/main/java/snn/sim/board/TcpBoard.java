package snn.sim.board;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Serves a board on 127.0.0.1:port, one client at a time, until closed. */
public final class TcpBoard implements AutoCloseable {
    private final ServerSocket server;
    private final BoardServer boardServer;
    private final BoardEndpoint.Log log;

    public TcpBoard(int port, BoardServer boardServer, BoardEndpoint.Log log) throws IOException {
        this.server = new ServerSocket(port, 4, InetAddress.getLoopbackAddress());
        this.boardServer = boardServer;
        this.log = log == null ? m -> { } : log;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Accepts and serves clients until {@link #close()} or an interrupt. */
    public void run() throws IOException {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                throw e;
            }
            try (s) {
                s.setTcpNoDelay(true);
                log.event("client " + s.getRemoteSocketAddress() + " connected");
                boardServer.serve(s.getInputStream(), s.getOutputStream());
                log.event("client disconnected");
            } catch (LinkDropped e) {
                log.event("dropped the client: " + e.getMessage());
            } catch (IOException e) {
                log.event("client connection failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs {@link #run()} on a daemon thread. */
    public Thread start() {
        Thread t = new Thread(() -> {
            try {
                run();
            } catch (IOException e) {
                log.event("server stopped: " + e.getMessage());
            }
        }, "tcp-board-" + port());
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
