package snn.protocol.image;

/**
 * The byte layout of a device image, format 1 (docs/device-spec.md, section "Device image", is the
 * normative text). Little-endian; every section starts on a 4-byte boundary, so a microcontroller
 * reads it in place from flash with aligned 32-bit loads.
 *
 * <pre>
 * offset  size  header
 *      0     4  magic "SNNI" (bytes 53 4E 4E 49)
 *      4     2  format_version         = 1
 *      6     2  spec_version           = 1 (docs/device-spec.md version the loop implements)
 *      8     4  image_bytes            total length, including the 32-byte SHA-256 trailer
 *     12     2  inputs                 1..65535
 *     14     2  neurons                1..65535
 *     16     1  classes                1..255
 *     17     1  weight_bits            2, 4 or 8
 *     18     1  section_count          N, 5..7
 *     19     1  flags                  bit 0 SIGNED (= a SIGNATURE section is present); other bits 0
 *     20     4  weight_row_bytes       = 4 * ceil(neurons * weight_bits / 32)
 *     24     4  security_version       u32, monotonic (rollback protection, docs/device-spec.md section 15)
 *     28     4  reserved               0
 *     32  16*N  section table, N entries of { u32 id, u32 offset, u32 length, u32 reserved = 0 }
 *   ...         sections, each at a multiple of 4, zero padding between them
 *   L-32   32  SHA-256 of bytes [0, L-32), L = image_bytes
 *
 * section      id  length (bytes)                   content
 * WEIGHTS       1  inputs * weight_row_bytes        row i = input i; neuron j's weight is the bit field
 *                                                   [j*b, j*b+b) of the row, LSB first (b = weight_bits);
 *                                                   unused high bits of the last word are 0
 * NEURONS       2  12 * neurons                     i32 threshold[n], i32 inhibition[n], i32 v_floor[n]
 * LABELS        3  neurons                          u8 label[n]
 * PARAMS        4  544                              see {@link #P_STEPS} .. {@link #P_RATE}
 * SELFTEST      5  16 + align4(inputs) + 2*neurons  see {@link #S_SEED} .. {@link #S_PIXELS}
 * SCALE         6  4 * neurons  (optional)          u32 scale_q16[n], informational only
 * SIGNATURE     7  76 (optional, last, ends at L-32) u32 algorithm = 1 (Ed25519), u8 key_id[8],
 *                                                   u8 signature[64]: Ed25519 over SHA-256(bytes [0, L-96))
 * </pre>
 */
public final class ImageFormat {
    private ImageFormat() {
    }

    /** "SNNI" read as a little-endian u32. */
    public static final int MAGIC = 0x494E4E53;
    public static final int FORMAT_VERSION = 1;
    public static final int SPEC_VERSION = 1;
    public static final int HEADER_FIXED_BYTES = 32;
    public static final int SECTION_ENTRY_BYTES = 16;
    public static final int SHA_BYTES = 32;

    public static final int H_MAGIC = 0;
    public static final int H_FORMAT_VERSION = 4;
    public static final int H_SPEC_VERSION = 6;
    public static final int H_IMAGE_BYTES = 8;
    public static final int H_INPUTS = 12;
    public static final int H_NEURONS = 14;
    public static final int H_CLASSES = 16;
    public static final int H_WEIGHT_BITS = 17;
    public static final int H_SECTION_COUNT = 18;
    public static final int H_FLAGS = 19;
    public static final int H_WEIGHT_ROW_BYTES = 20;
    /** Bytes 24..27: security_version (u32, docs/device-spec.md 15). */
    public static final int H_SECURITY_VERSION = 24;
    /** Bytes 28..31: reserved, 0. */
    public static final int H_RESERVED = 28;

    /** Header flags bit 0: the image carries a SIGNATURE section. */
    public static final int FLAG_SIGNED = 1;

    public static final int SEC_WEIGHTS = 1;
    public static final int SEC_NEURONS = 2;
    public static final int SEC_LABELS = 3;
    public static final int SEC_PARAMS = 4;
    public static final int SEC_SELFTEST = 5;
    public static final int SEC_SCALE = 6;
    public static final int SEC_SIGNATURE = 7;

    /* SIGNATURE section (76 bytes): 0 u32 algorithm, 4 key_id[8], 12 signature[64]. */
    public static final int SIG_ALGORITHM = 0;
    public static final int SIG_KEY_ID = 4;
    public static final int SIG_SIGNATURE = 12;
    public static final int SIGNATURE_BYTES = 76;
    public static final int KEY_ID_BYTES = 8;
    /** Algorithm 1: Ed25519 (RFC 8032, pure) over the 32-byte SHA-256 of bytes [0, L-96). */
    public static final int ALG_ED25519 = 1;
    /** The signed bytes end this far before the image's end: the 64-byte signature plus the 32-byte trailer. */
    public static final int SIGNED_TAIL = 64 + 32;

    /*
     * PARAMS section (544 bytes):
     *   0 u16 steps            2 u16 weight_max (= 2^weight_bits - 1)
     *   4 u32 leak_exc_q16     8 u32 leak_inh_q16          (0..65536)
     *  12 u8 refractory_exc   13 u8 refractory_inh   14 u8 v_shift (0..16)   15 u8 decision (0 max-neuron, 1 vote)
     *  16 i32 w_exc_to_inh    20 i32 threshold_inh          (0..2^30-1)
     *  24 u8 intensity        25 u8 intensity_max    26 u16 reserved 0
     *  28 u32 min_spikes (0..2^31-1)
     *  32 u16 rate_q16[256]
     */
    public static final int P_STEPS = 0;
    public static final int P_WEIGHT_MAX = 2;
    public static final int P_LEAK_EXC = 4;
    public static final int P_LEAK_INH = 8;
    public static final int P_REF_EXC = 12;
    public static final int P_REF_INH = 13;
    public static final int P_V_SHIFT = 14;
    public static final int P_DECISION = 15;
    public static final int P_W_EXC_TO_INH = 16;
    public static final int P_THRESHOLD_INH = 20;
    public static final int P_INTENSITY = 24;
    public static final int P_INTENSITY_MAX = 25;
    public static final int P_RESERVED = 26;
    public static final int P_MIN_SPIKES = 28;
    public static final int P_RATE = 32;
    public static final int PARAMS_BYTES = 32 + 2 * 256;

    /*
     * SELFTEST section:
     *   0 u32 image_seed
     *   4 u8 expected_label (255 = silent)   5 u8 expected_presentations   6 u16 reserved 0
     *   8 u32 expected_steps                 12 u32 expected_total_spikes (last presentation)
     *  16 u8 pixels[inputs], zero padded to a multiple of 4
     *  16 + align4(inputs): u16 expected_counts[neurons] (last presentation)
     */
    public static final int S_SEED = 0;
    public static final int S_LABEL = 4;
    public static final int S_PRESENTATIONS = 5;
    public static final int S_RESERVED = 6;
    public static final int S_STEPS = 8;
    public static final int S_TOTAL = 12;
    public static final int S_PIXELS = 16;

    /** Largest allowed w_exc_to_inh and threshold_inh: their sum, at most 2^31 - 2, then fits in int32. */
    public static final int MAX_INH_PARAM = (1 << 30) - 1;

    /** Bound of {@link ImageParser#selfTestCost}: a commit's self-test ends in bounded time. */
    public static final long MAX_SELF_TEST_COST = 1L << 32;

    /** RAM of the protocol: receive frame 1280 + transmit frame 1280 + one decoded message 1536 bytes. */
    public static final long PROTOCOL_RAM = 4096;

    /**
     * RAM of the device loop for a model of this shape (docs/device-spec.md section 12), without the
     * protocol buffers and the firmware's reserve: v, v_inh, acc (i32[n]), counts (u16[n]), ref,
     * ref_inh, exc_spiked, inh_spiked (u8[n]), pixels (u8[inputs]), p and the active list (u16[inputs]).
     */
    public static long loopRamBytes(int inputs, int neurons) {
        long n = neurons;
        long state = 12 * n + ((2 * n + 3) & ~3L) + 4 * ((n + 3) & ~3L);
        long input = ((inputs + 3L) & ~3L) + 2 * ((2L * inputs + 3) & ~3L);
        return state + input;
    }

    public static int align4(int x) {
        return (x + 3) & ~3;
    }

    public static int weightRowBytes(int neurons, int bits) {
        return (int) (4 * (((long) neurons * bits + 31) / 32));
    }

    public static int selfTestBytes(int inputs, int neurons) {
        return S_PIXELS + align4(inputs) + 2 * neurons;
    }

    public static String sectionName(int id) {
        switch (id) {
            case SEC_WEIGHTS: return "WEIGHTS";
            case SEC_NEURONS: return "NEURONS";
            case SEC_LABELS: return "LABELS";
            case SEC_PARAMS: return "PARAMS";
            case SEC_SELFTEST: return "SELFTEST";
            case SEC_SCALE: return "SCALE";
            case SEC_SIGNATURE: return "SIGNATURE";
            default: return "section#" + id;
        }
    }
}
