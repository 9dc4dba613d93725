package snn.sim.board;

import java.util.Arrays;

/**
 * Everything the board remembers across power cycles: the active model and the upload in progress.
 * Immutable; each change is appended to the {@link Journal} as a whole new state.
 *
 * @param activeSlot   0 or 1, or -1 when there is no model
 * @param uploadSlot   slot being written, or -1 when no upload is in progress
 * @param uploadOffset bytes of the upload known to be programmed (a multiple of the progress step, or the size)
 */
public record JournalState(int activeSlot, byte[] activeSha, int activeSize,
                           int uploadSlot, byte[] uploadSha, int uploadSize, int uploadOffset) {
    public static final byte[] NO_SHA = new byte[32];
    public static final JournalState EMPTY = new JournalState(-1, NO_SHA, 0, -1, NO_SHA, 0, 0);

    public boolean hasModel() {
        return activeSlot >= 0;
    }

    public boolean hasUpload() {
        return uploadSlot >= 0;
    }

    public JournalState withUpload(int slot, byte[] sha, int size, int offset) {
        return new JournalState(activeSlot, activeSha, activeSize, slot, sha.clone(), size, offset);
    }

    public JournalState withoutUpload() {
        return new JournalState(activeSlot, activeSha, activeSize, -1, NO_SHA, 0, 0);
    }

    /** The upload becomes the active model and the upload ends: the atomic swap. */
    public JournalState uploadActivated() {
        return new JournalState(uploadSlot, uploadSha, uploadSize, -1, NO_SHA, 0, 0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JournalState s && s.activeSlot == activeSlot && Arrays.equals(s.activeSha, activeSha)
                && s.activeSize == activeSize && s.uploadSlot == uploadSlot && Arrays.equals(s.uploadSha, uploadSha)
                && s.uploadSize == uploadSize && s.uploadOffset == uploadOffset;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(activeSha) * 31 + uploadOffset;
    }

    @Override
    public String toString() {
        return "active=" + activeSlot + "/" + activeSize + " upload=" + uploadSlot + "/" + uploadOffset + "/" + uploadSize;
    }
}
