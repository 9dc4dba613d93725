package snn.deploy.upload;

import snn.protocol.wire.DeviceInfo;

/**
 * What one deploy did.
 *
 * @param resumedFrom    offset the device asked to resume from at the first begin (0 = fresh)
 * @param sentBytes      chunk bytes sent, retransmissions included
 * @param reconnects     times the link was reopened or the session restarted
 * @param resumes        of those, the times the device continued a partial upload (begin answered a nonzero offset)
 * @param alreadyActive  the device already ran this model, nothing was sent
 * @param encoding       "raw", or "snz1" when the chunks carried the compressed stream
 * @param streamBytes    bytes of what the chunks carried in full (the image, or its SNZ1 stream)
 */
public record UploadResult(String port, int bytes, double seconds, int baud, long resumedFrom, long sentBytes,
                           int reconnects, int resumes, boolean alreadyActive, byte[] sha256, DeviceInfo device,
                           String encoding, int streamBytes) {

    /**
     * Image bytes this deploy had to carry (all of them, less what a resumed upload already had) over
     * what the line carries in that time at 8N1 (baud/10 bytes per second).
     */
    public double linkEfficiency() {
        long carried = alreadyActive ? 0 : bytes - Math.max(0, resumedFrom);
        return baud <= 0 || seconds <= 0 ? Double.NaN : carried / (baud / 10.0 * seconds);
    }

}
