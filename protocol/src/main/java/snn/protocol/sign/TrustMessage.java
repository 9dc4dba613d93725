package snn.protocol.sign;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a trust-store replacement is signed over (docs/device-spec.md section 15.3):
 * {@code "SNNTRUST" || u32 generation || u32 count || key[0] .. key[count-1]}, little-endian, where
 * generation is the board's current trust generation (Status.trust_generation), so a signed request
 * is good for one change of one board state and cannot be replayed after it.
 */
public final class TrustMessage {
    private TrustMessage() {
    }

    public static final byte[] TAG = "SNNTRUST".getBytes(StandardCharsets.US_ASCII);
    public static final int MAX_KEYS = 4;

    public static byte[] of(int generation, List<byte[]> keys) {
        ByteBuffer b = ByteBuffer.allocate(TAG.length + 8 + Ed25519.KEY_BYTES * keys.size()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(TAG).putInt(generation).putInt(keys.size());
        for (byte[] k : keys) {
            b.put(k);
        }
        return b.array();
    }
}
