package snn.fwtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The C firmware running as a process that serves a pty: the host port ({@code snn-fw-host --pty},
 * which prints {@code pty: /dev/pts/N}) or QEMU ({@code -serial pty}, which prints
 * {@code char device redirected to /dev/pts/N}). The pty is opened only after its name was printed.
 */
final class CFirmwareProcess implements AutoCloseable {
    private static final Pattern PTY = Pattern.compile("(/dev/pts/\\d+)");
    private final Process process;
    private final String pty;
    private final StringBuilder output = new StringBuilder();

    CFirmwareProcess(List<String> command) throws IOException, InterruptedException {
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BlockingQueue<String> names = new ArrayBlockingQueue<>(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = PTY.matcher(line);
                    if (m.find()) {
                        names.offer(m.group(1));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "fw-output");
        reader.setDaemon(true);
        reader.start();
        String name = names.poll(20, TimeUnit.SECONDS);
        if (name == null) {
            close();
            throw new IOException("firmware printed no pty name within 20 s: " + command + "\n" + output());
        }
        pty = name;
    }

    String pty() {
        return pty;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself (e.g. after an injected power cut); its exit code or -1. */
    int awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    String output() {
        synchronized (output) {
            return output.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
