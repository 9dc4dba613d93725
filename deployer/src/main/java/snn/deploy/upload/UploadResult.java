package snn.deploy.upload;

import snn.protocol.wire.DeviceInfo;

/**
 * What one deploy did.
 *
 * @param paced          the line held bytes to baud/10 per second ({@link snn.deploy.link.Link#paced()}, and no
 *                       more bytes crossed it than that allows): only then is there a link efficiency
 * @param resumedFrom    offset the device asked to resume from at the first begin (0 = fresh)
 * @param sentBytes      chunk bytes sent, retransmissions included
 * @param reconnects     times the link was reopened or the session restarted
 * @param resumes        of those, the times the device continued a partial upload (begin answered a nonzero offset)
 * @param alreadyActive  the device already ran this model, nothing was sent
 * @param encoding       "raw", or "snz1" when the chunks carried the compressed stream
 * @param streamBytes    bytes of what the chunks carried in full (the image, or its SNZ1 stream)
 */
public record UploadResult(String port, int bytes, double seconds, int baud, boolean paced, long resumedFrom, long sentBytes,
                           int reconnects, int resumes, boolean alreadyActive, byte[] sha256, DeviceInfo device,
                           String encoding, int streamBytes) {

    /**
     * Image bytes this deploy had to carry (all of them, less what a resumed upload already had) over
     * what the line carries in that time at 8N1 (baud/10 bytes per second); NaN on an unpaced link,
     * where the baud rate says nothing about the time (TCP, an in-process board).
     */
    public double linkEfficiency() {
        return !paced || baud <= 0 || seconds <= 0 ? Double.NaN : carried() / (baud / 10.0 * seconds);
    }

    /** Image bytes this deploy had to carry per second of it; NaN when it took no measurable time. */
    public double bytesPerSecond() {
        return seconds <= 0 ? Double.NaN : carried() / seconds;
    }

    private long carried() {
        return alreadyActive ? 0 : bytes - Math.max(0, resumedFrom);
    }

    /**
     * How the progress line and the demo say how fast it went: the link efficiency on a paced line,
     * else the bytes per second and that the line was unpaced.
     */
    public String speed() {
        return paced ? String.format(java.util.Locale.ROOT, "link efficiency %.3f", linkEfficiency())
                : String.format(java.util.Locale.ROOT, "%.1f kB/s (unpaced link: no link efficiency)", bytesPerSecond() / 1000);
    }

    /** Whether a line paced at {@code baud} (8N1) could carry {@code lineBytes} in {@code seconds}. */
    public static boolean withinLineRate(long lineBytes, double seconds, int baud) {
        return baud > 0 && lineBytes <= baud / 10.0 * seconds;
    }

}
