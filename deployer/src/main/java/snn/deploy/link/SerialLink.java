package snn.deploy.link;

import java.io.IOException;
import jssc.SerialPort;
import jssc.SerialPortException;

/** A serial port through jssc, 8N1, no flow control. Pseudo-terminals open like any other port. */
public final class SerialLink implements Link {
    private final SerialPort port;
    private final int baud;

    public SerialLink(String device, int baud) throws IOException {
        this.port = new SerialPort(device);
        this.baud = baud;
        try {
            port.openPort();
            port.setParams(baud, SerialPort.DATABITS_8, SerialPort.STOPBITS_1, SerialPort.PARITY_NONE, false, false);
            port.setFlowControlMode(SerialPort.FLOWCONTROL_NONE);
            port.purgePort(SerialPort.PURGE_RXCLEAR | SerialPort.PURGE_TXCLEAR);
        } catch (SerialPortException e) {
            try {
                port.closePort();
            } catch (SerialPortException ignored) {
                // it was not open
            }
            throw new IOException("cannot open serial port " + device + ": " + e.getExceptionType(), e);
        }
    }

    @Override
    public String name() {
        return port.getPortName();
    }

    @Override
    public int baud() {
        return baud;
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
        }
    }
}
