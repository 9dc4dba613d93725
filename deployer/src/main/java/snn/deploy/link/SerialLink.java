package snn.deploy.link;

import java.io.IOException;
import jssc.SerialPort;
import jssc.SerialPortException;

/** A serial port through jssc, 8N1, no flow control. Pseudo-terminals open like any other port. */
public final class SerialLink implements Link {
    private final SerialPort port;
    private final int baud;
    private final PortLock lock;

    /**
     * Opens {@code device} exclusively (see {@link PortLock}).
     *
     * @throws PortUnavailable at once, when the port does not exist, cannot be opened or configured, or
     *         another process holds it ("port busy: DEVICE (held by pid N)")
     */
    public SerialLink(String device, int baud) {
        Links.checkBaud(baud);
        this.port = new SerialPort(device);
        this.baud = baud;
        this.lock = PortLock.acquire(device);
        try {
            if (!port.openPort()) {
                throw new SerialPortException(port, "openPort", "openPort returned false");
            }
            // false on a pseudo-terminal, which has no line rate; a real UART that refuses shows in the hello
            port.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE, false, false);
            port.setFlowControlMode(SerialPort.FLOWCONTROL_NONE);
            port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
        } catch (SerialPortException e) {
            try {
                port.closePort();
            } catch (SerialPortException ignored) {
                // it was not open
            }
            lock.close();
            throw new PortUnavailable("cannot open " + device + ": " + reason(e), e);
        }
    }

    private static String reason(SerialPortException e) {
        String t = e.getExceptionType();
        if (SerialPortException.TYPE_PORT_NOT_FOUND.equals(t)) {
            return "no such device";
        }
        if (SerialPortException.TYPE_PERMISSION_DENIED.equals(t)) {
            return "permission denied (is the user in the dialout group?)";
        }
        if (SerialPortException.TYPE_INCORRECT_SERIAL_PORT.equals(t)) {
            return "not a serial port";
        }
        if (SerialPortException.TYPE_PORT_BUSY.equals(t)) {
            return "port busy (opened exclusively by another program)";
        }
        return t == null || t.isEmpty() ? String.valueOf(e.getMessage()) : t.toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String name() {
        return port.getPortName();
    }

    @Override
    public int baud() {
        return baud;
    }

    /** A UART runs at its baud rate; a pty is paced only by what serves it (the Uploader checks). */
    @Override
    public boolean paced() {
        return true;
    }

    @Override
    public void write(byte[] bytes) throws IOException {
        try {
            if (!port.writeBytes(bytes)) {
                throw new IOException("write to " + name() + " failed");
            }
        } catch (SerialPortException e) {
            throw new IOException("write to " + name() + " failed: " + e.getExceptionType(), e);
        }
    }

    @Override
    public int read(byte[] buf, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        try {
            while (true) {
                int avail = port.getInputBufferBytesCount();
                if (avail < 0) {
                    throw new IOException("serial port " + name() + " is gone");
                }
                if (avail > 0) {
                    byte[] got = port.readBytes(Math.min(avail, buf.length));
                    System.arraycopy(got, 0, buf, 0, got.length);
                    return got.length;
                }
                if (System.nanoTime() >= deadline) {
                    return 0;
                }
                Thread.sleep(1); // jssc has no blocking read with a timeout that does not spin
            }
        } catch (SerialPortException e) {
            throw new IOException("read from " + name() + " failed: " + e.getExceptionType(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading " + name());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            port.closePort();
        } catch (SerialPortException e) {
            throw new IOException("closing " + name() + ": " + e.getExceptionType(), e);
        } finally {
            lock.close();
        }
    }
}
