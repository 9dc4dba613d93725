package snn.deploy.upload;

import java.util.LinkedHashMap;
import java.util.Map;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.WireProtocol;

/**
 * What one deploy did.
 *
 * @param resumedFrom    offset the device asked to resume from at the first begin (0 = fresh)
 * @param sentBytes      chunk bytes sent, retransmissions included
 * @param reconnects     times the link was reopened or the session restarted
 * @param resumes        of those, the times the device continued a partial upload (begin answered a nonzero offset)
 * @param alreadyActive  the device already ran this model, nothing was sent
 */
public record UploadResult(String port, int bytes, double seconds, int baud, long resumedFrom, long sentBytes,
                           int reconnects, int resumes, boolean alreadyActive, byte[] sha256, DeviceInfo device) {

    /**
     * Image bytes this deploy had to carry (all of them, less what a resumed upload already had) over
     * what the line carries in that time at 8N1 (baud/10 bytes per second).
     */
    public double linkEfficiency() {
        long carried = alreadyActive ? 0 : bytes - Math.max(0, resumedFrom);
        return baud <= 0 || seconds <= 0 ? Double.NaN : carried / (baud / 10.0 * seconds);
    }

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("port", port);
        m.put("ok", true);
        m.put("bytes", bytes);
        m.put("seconds", seconds);
        m.put("baud", baud > 0 ? baud : null);
        m.put("link_efficiency", Double.isNaN(linkEfficiency()) ? null : linkEfficiency()); // null: no line (sim)
        m.put("resumed_from", resumedFrom);
        m.put("sent_bytes", sentBytes);
        m.put("reconnects", reconnects);
        m.put("already_active", alreadyActive);
        m.put("model_sha256", WireProtocol.hex(sha256));
        m.put("device", deviceJson(device));
        return m;
    }

    public static Map<String, Object> deviceJson(DeviceInfo d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("protocol_version", d.getProtocolVersion());
        m.put("firmware_version", d.getFirmwareVersion());
        m.put("profile", d.getProfile());
        m.put("flash_bytes", d.getFlashBytes());
        m.put("ram_bytes", d.getRamBytes());
        m.put("slot_bytes", d.getSlotBytes());
        m.put("max_chunk", d.getMaxChunk());
        m.put("model_sha256", WireProtocol.hex(d.getModelSha256().toByteArray()));
        m.put("model_size", d.getModelSize());
        m.put("active_slot", d.getModelSha256().isEmpty() ? null : d.getActiveSlot());
        m.put("inference", d.getInference());
        m.put("can_verify", d.getCanVerify());
        java.util.List<String> ids = new java.util.ArrayList<>();
        d.getTrustedKeyIdsList().forEach(k -> ids.add(WireProtocol.hex(k.toByteArray())));
        m.put("trusted_key_ids", ids);
        m.put("active_security_version", Integer.toUnsignedLong(d.getActiveSecurityVersion()));
        if (d.hasPending()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("sha256", WireProtocol.hex(d.getPending().getSha256().toByteArray()));
            p.put("size", d.getPending().getSize());
            p.put("next_offset", d.getPending().getNextOffset());
            p.put("slot", d.getPending().getSlot());
            m.put("pending_upload", p);
        } else {
            m.put("pending_upload", null);
        }
        return m;
    }
}
