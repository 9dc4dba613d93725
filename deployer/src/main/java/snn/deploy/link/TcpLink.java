package snn.deploy.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** A board served over TCP ({@code snn emulate --tcp PORT}), e.g. {@code tcp://127.0.0.1:5555}. */
public final class TcpLink implements Link {
    private final String name;
    private final int baud;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    public TcpLink(String host, int port, int baud) throws IOException {
        this.name = "tcp://" + host + ":" + port;
        this.baud = baud;
        this.socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + name + ": " + e.getMessage(), e);
        }
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int baud() {
        return baud;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public int read(byte[] buf, long timeoutMillis) throws IOException {
        socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeoutMillis)));
        try {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException(name + " closed the connection");
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
