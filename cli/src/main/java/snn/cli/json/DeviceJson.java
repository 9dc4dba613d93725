package snn.cli.json;

import java.util.List;
import snn.protocol.wire.DeviceInfo;
import snn.support.Hex;

/**
 * A board's answer to hello (snn device info, and the {@code device} of deploy and firmware install).
 * {@code activeSlot} is null when no model is active, {@code pendingUpload} when no upload is pending.
 */
public record DeviceJson(int protocolVersion, String firmwareVersion, String profile, long flashBytes, long ramBytes,
                         long slotBytes, int maxChunk, String modelSha256, long modelSize, Integer activeSlot,
                         boolean inference, boolean canVerify, List<String> trustedKeyIds, long activeSecurityVersion,
                         int encodings, int decoderRamBytes, Pending pendingUpload) {

    /** An upload the board has begun and not committed. */
    public record Pending(String sha256, long size, long nextOffset, int slot) {
        /** As the text output shows it. */
        @Override
        public String toString() {
            return "{sha256=" + sha256 + ", size=" + size + ", next_offset=" + nextOffset + ", slot=" + slot + "}";
        }
    }

    public static DeviceJson of(DeviceInfo d) {
        Pending p = !d.hasPending() ? null : new Pending(Hex.encode(d.getPending().getSha256().toByteArray()),
                d.getPending().getSize(), d.getPending().getNextOffset(), d.getPending().getSlot());
        return new DeviceJson(d.getProtocolVersion(), d.getFirmwareVersion(), d.getProfile(), d.getFlashBytes(),
                d.getRamBytes(), d.getSlotBytes(), d.getMaxChunk(), Hex.encode(d.getModelSha256().toByteArray()),
                d.getModelSize(), d.getModelSha256().isEmpty() ? null : d.getActiveSlot(), d.getInference(), d.getCanVerify(),
                d.getTrustedKeyIdsList().stream().map(k -> Hex.encode(k.toByteArray())).toList(),
                Integer.toUnsignedLong(d.getActiveSecurityVersion()), d.getEncodings(), d.getDecoderRamBytes(), p);
    }

    /** The text output: one {@code key: value} line a field, {@code -} for none. */
    public List<String> lines() {
        return List.of("protocol_version: " + protocolVersion, "firmware_version: " + firmwareVersion,
                "profile: " + profile, "flash_bytes: " + flashBytes, "ram_bytes: " + ramBytes, "slot_bytes: " + slotBytes,
                "max_chunk: " + maxChunk, "model_sha256: " + modelSha256, "model_size: " + modelSize,
                "active_slot: " + (activeSlot == null ? "-" : activeSlot), "inference: " + inference,
                "can_verify: " + canVerify, "trusted_key_ids: " + (trustedKeyIds.isEmpty() ? "-" : String.join(" ", trustedKeyIds)),
                "active_security_version: " + activeSecurityVersion, "encodings: " + encodings,
                "decoder_ram_bytes: " + decoderRamBytes, "pending_upload: " + (pendingUpload == null ? "-" : pendingUpload));
    }
}
