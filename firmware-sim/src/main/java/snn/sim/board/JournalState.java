package snn.sim.board;

import java.util.Arrays;

/**
 * Everything the board remembers across power cycles: the active model, the upload in progress and
 * the trust store. Immutable; each change is appended to the {@link Journal} as a whole new state, so
 * a trust-store change is exactly as power-cut safe as a model swap.
 *
 * @param activeSlot      0 or 1, or -1 when there is no model
 * @param uploadSlot      slot being written, or -1 when no upload is in progress
 * @param uploadOffset    bytes of the upload known to be programmed (a multiple of the progress step, or the size)
 * @param trustKeys       the trusted raw Ed25519 public keys, 0..4 of 32 bytes; none = unprovisioned
 * @param trustGeneration 0 while unprovisioned, +1 at every accepted Trust request
 */
public record JournalState(int activeSlot, byte[] activeSha, int activeSize,
                           int uploadSlot, byte[] uploadSha, int uploadSize, int uploadOffset,
                           byte[][] trustKeys, int trustGeneration) {
    public static final byte[] NO_SHA = new byte[32];
    public static final byte[][] NO_KEYS = new byte[0][];
    public static final JournalState EMPTY = new JournalState(-1, NO_SHA, 0, -1, NO_SHA, 0, 0, NO_KEYS, 0);

    public JournalState(int activeSlot, byte[] activeSha, int activeSize, int uploadSlot, byte[] uploadSha, int uploadSize,
                        int uploadOffset) {
        this(activeSlot, activeSha, activeSize, uploadSlot, uploadSha, uploadSize, uploadOffset, NO_KEYS, 0);
    }

    public boolean hasModel() {
        return activeSlot >= 0;
    }

    public boolean hasUpload() {
        return uploadSlot >= 0;
    }

    public boolean provisioned() {
        return trustKeys.length > 0;
    }

    public JournalState withUpload(int slot, byte[] sha, int size, int offset) {
        return new JournalState(activeSlot, activeSha, activeSize, slot, sha.clone(), size, offset, trustKeys, trustGeneration);
    }

    public JournalState withoutUpload() {
        return new JournalState(activeSlot, activeSha, activeSize, -1, NO_SHA, 0, 0, trustKeys, trustGeneration);
    }

    /** The upload becomes the active model and the upload ends: the atomic swap. */
    public JournalState uploadActivated() {
        return new JournalState(uploadSlot, uploadSha, uploadSize, -1, NO_SHA, 0, 0, trustKeys, trustGeneration);
    }

    /** A new trust store, one generation on. */
    public JournalState withTrust(byte[][] keys) {
        byte[][] copy = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            copy[i] = keys[i].clone();
        }
        return new JournalState(activeSlot, activeSha, activeSize, uploadSlot, uploadSha, uploadSize, uploadOffset, copy,
                trustGeneration + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalState s && s.activeSlot == activeSlot && Arrays.equals(s.activeSha, activeSha)
                && s.activeSize == activeSize && s.uploadSlot == uploadSlot && Arrays.equals(s.uploadSha, uploadSha)
                && s.uploadSize == uploadSize && s.uploadOffset == uploadOffset
                && Arrays.deepEquals(s.trustKeys, trustKeys) && s.trustGeneration == trustGeneration;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(activeSha) * 31 + uploadOffset;
    }

    @Override
    public String toString() {
        return "active=" + activeSlot + "/" + activeSize + " upload=" + uploadSlot + "/" + uploadOffset + "/" + uploadSize
                + " trust=" + trustKeys.length + "@" + trustGeneration;
    }
}
