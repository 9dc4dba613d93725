package snn.sim.attack;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageFormat;
import snn.protocol.image.ImageParser;
import snn.protocol.image.ImageWriter;
import snn.protocol.sign.Ed25519;
import snn.protocol.sign.TrustMessage;
import snn.protocol.wire.BeginUpload;
import snn.protocol.wire.Chunk;
import snn.protocol.wire.Commit;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.Hello;
import snn.protocol.wire.Request;
import snn.protocol.wire.Reset;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
import snn.protocol.wire.StatusRequest;
import snn.protocol.wire.Trust;
import snn.core.RandomNetworks;
import snn.sim.image.ImageNetworks;
import snn.support.SnnException;
import snn.support.Sha256;

/**
 * A randomized suite of attacks on a provisioned board (docs/device-spec.md section 15), run against
 * any device that answers requests: the Java emulator and the C firmware. The board is provisioned
 * with key A and runs a model signed by A at security version 2; each attack then tries to make it
 * commit something else or change its trust store, and must be refused with the expected code while
 * the active model (SHA-256, and the flash bytes where the caller can read them) and the trust store
 * stay exactly as they were. Bit-flip attackers recompute the SHA-256 trailer, as a real one would.
 * Deterministic for a seed.
 */
public final class SignedImageAttacks {
    private SignedImageAttacks() {
    }

    /** Sends one request and returns the device's answer. */
    public interface Target {
        Response call(Request.Builder request) throws IOException;
    }

    /** Reads the active model's bytes from the device's flash; null when the caller cannot. */
    public interface ActiveBytes {
        byte[] read() throws IOException;
    }

    public enum Kind {
        SIGNATURE_BIT_FLIP, HEADER_BIT_FLIP, WEIGHTS_BIT_FLIP, TRAILER_BIT_FLIP, UNTRUSTED_KEY, SIGNATURE_OF_OTHER_IMAGE,
        TRUNCATED_SIGNATURE, ROLLBACK, UNSIGNED, TRUST_CHANGE_WITHOUT_RULE
    }

    /** What a run did: attacks by kind, refusals by code, and every deviation (empty when all held). */
    public static final class Report {
        public final Map<Kind, Integer> byKind = new EnumMap<>(Kind.class);
        public final Map<ErrorCode, Integer> byCode = new EnumMap<>(ErrorCode.class);
        public final List<String> failures = new ArrayList<>();
        public int attacks;
        public int controls;

        @Override
        public String toString() {
            return attacks + " attacks " + byKind + ", refusals " + byCode + ", " + controls + " controls passed, "
                    + failures.size() + " failures" + (failures.isEmpty() ? "" : ": " + failures.subList(0, Math.min(5, failures.size())));
        }
    }

    /** Fixed keys: A is trusted, B is not (until the control that rotates to it). */
    static final KeyPair A = Ed25519.fromSeed(seed(0xA1));
    static final KeyPair B = Ed25519.fromSeed(seed(0xB2));
    private static final ImageWriter.Signer SIGN_A = Ed25519.signer(A.getPrivate());
    private static final ImageWriter.Signer SIGN_B = Ed25519.signer(B.getPrivate());

    private static byte[] seed(int tag) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) tag);
        s[0] = 1;
        return s;
    }

    public static byte[] rawA() {
        return Ed25519.raw(A.getPublic());
    }

    private final static class Run {
        final Target t;
        final ActiveBytes flash;
        final SplittableRandom rnd;
        final Report report = new Report();
        final List<DeviceImage> bases = new ArrayList<>();
        int maxChunk;
        byte[] activeSha;
        byte[] activeBytes;
        List<ByteString> trustedIds;
        int generation;

        Run(Target t, ActiveBytes flash, long seed) {
            this.t = t;
            this.flash = flash;
            this.rnd = new SplittableRandom(seed);
        }
    }

    /**
     * Provisions a fresh, unprovisioned board with key A, deploys the first model, runs attacks
     * attacks, then the positive controls (a newer signed model commits; a rollback is refused; a
     * signed trust rotation is accepted, its replay refused).
     */
    public static Report run(Target target, ActiveBytes flash, long seed, int attacks) throws IOException {
        Run r = new Run(target, flash, seed);
        for (int k = 0; k < 4; k++) {
            RandomNetworks.Case c = RandomNetworks.randomCase("attack" + k, seed * 31 + k, 40, 16, 30);
            r.bases.add(ImageNetworks.toImage(c.net, c.bits, null, c.pixels, c.seed));
        }
        DeviceInfo info = hello(r);
        r.maxChunk = info.getMaxChunk();
        require(r, info.getTrustedKeyIdsCount() == 0, "setup: the board must start unprovisioned");
        require(r, info.getCanVerify(), "setup: the board must verify signatures");
        Response p = r.t.call(trust(List.of(rawA()), new byte[0]));
        require(r, p.getError() == ErrorCode.OK, "setup: first provisioning refused: " + p.getDetail());
        byte[] first = signed(r.bases.get(0), A, 2);
        require(r, upload(r, first) == ErrorCode.OK, "setup: the first signed model was refused");
        if (!r.report.failures.isEmpty()) {
            return r.report;
        }
        r.activeSha = Sha256.digest(first);
        r.activeBytes = first;
        Status st = status(r);
        r.trustedIds = st.getTrustedKeyIdsList();
        r.generation = st.getTrustGeneration();
        for (int i = 0; i < attacks; i++) {
            Kind kind = Kind.values()[r.rnd.nextInt(Kind.values().length)];
            attack(r, kind, i);
            r.report.attacks++;
            r.report.byKind.merge(kind, 1, Integer::sum);
            if ((i + 1) % 100 == 0 || i == attacks - 1) {
                r.t.call(Request.newBuilder().setReset(Reset.getDefaultInstance())); // the board re-hashes its slot at boot
                unchanged(r, "after reset at attack " + i);
            }
        }
        controls(r);
        return r.report;
    }

    private static void attack(Run r, Kind kind, int i) throws IOException {
        DeviceImage base = r.bases.get(r.rnd.nextInt(r.bases.size()));
        int sv = 2 + r.rnd.nextInt(5);
        String at = kind + " #" + i;
        switch (kind) {
            case SIGNATURE_BIT_FLIP -> {
                byte[] img = signed(base, A, sv);
                flip(r, img, img.length - ImageFormat.SIGNED_TAIL, 64);
                expectCommit(r, at, retrailer(img), ErrorCode.UNTRUSTED);
            }
            case HEADER_BIT_FLIP -> {
                byte[] img = signed(base, A, sv);
                int header = ImageFormat.HEADER_FIXED_BYTES + ImageFormat.SECTION_ENTRY_BYTES * (img[ImageFormat.H_SECTION_COUNT] & 0xFF);
                flip(r, img, 0, header);
                expectCommit(r, at, retrailer(img), null);
            }
            case WEIGHTS_BIT_FLIP -> {
                byte[] img = signed(base, A, sv);
                int[] w = section(img, ImageFormat.SEC_WEIGHTS);
                flip(r, img, w[0], w[1]);
                expectCommit(r, at, retrailer(img), null);
            }
            case TRAILER_BIT_FLIP -> {
                byte[] img = signed(base, A, sv);
                flip(r, img, img.length - ImageFormat.SHA_BYTES, ImageFormat.SHA_BYTES);
                expectCommit(r, at, img, ErrorCode.BAD_IMAGE);
            }
            case UNTRUSTED_KEY -> expectCommit(r, at, signed(base, B, sv), ErrorCode.UNTRUSTED);
            case SIGNATURE_OF_OTHER_IMAGE -> {
                // A's valid signature over the same model at another security version, or over another model
                byte[] img = signed(base, A, sv);
                byte[] other = r.rnd.nextBoolean() ? signed(base, A, sv + 1 + r.rnd.nextInt(3))
                        : signed(r.bases.get(r.rnd.nextInt(r.bases.size())), A, 7 + r.rnd.nextInt(3));
                System.arraycopy(other, other.length - ImageFormat.SIGNED_TAIL, img, img.length - ImageFormat.SIGNED_TAIL, 64);
                expectCommit(r, at, retrailer(img), ErrorCode.UNTRUSTED);
            }
            case TRUNCATED_SIGNATURE -> expectCommit(r, at, truncated(r, signed(base, A, sv)), ErrorCode.BAD_IMAGE);
            case ROLLBACK -> expectCommit(r, at, signed(base, A, r.rnd.nextInt(2)), ErrorCode.ROLLBACK);
            case UNSIGNED -> expectCommit(r, at, unsigned(base, r.rnd.nextInt(2) == 0 ? sv : r.rnd.nextInt(3)), ErrorCode.UNTRUSTED);
            case TRUST_CHANGE_WITHOUT_RULE -> trustAttack(r, at);
        }
    }

    /** A Trust request that breaks the provisioning rule one way or another. */
    private static void trustAttack(Run r, String at) throws IOException {
        byte[] a = rawA();
        byte[] b = Ed25519.raw(B.getPublic());
        byte[] junk = new byte[32];
        r.rnd.nextBytes(junk);
        Request.Builder q;
        switch (r.rnd.nextInt(7)) {
            case 0 -> q = trust(List.of(b), new byte[0]);                                                // unsigned replacement
            case 1 -> q = trust(List.of(b), Ed25519.sign(B.getPrivate(), TrustMessage.of(r.generation, List.of(b)))); // by an untrusted key
            case 2 -> q = trust(List.of(b), Ed25519.sign(A.getPrivate(), TrustMessage.of(r.generation - 1 - r.rnd.nextInt(3),
                    List.of(b))));                                                                        // replay: another generation
            case 3 -> q = trust(List.of(b), Ed25519.sign(A.getPrivate(), TrustMessage.of(r.generation, List.of(a, b)))); // other keys
            case 4 -> {
                byte[] sig = Ed25519.sign(A.getPrivate(), TrustMessage.of(r.generation, List.of(b)));
                sig[r.rnd.nextInt(64)] ^= (byte) (1 << r.rnd.nextInt(8));
                q = trust(List.of(b), sig);                                                               // damaged signature
            }
            case 5 -> {
                List<byte[]> five = List.of(a, b, junk, seedKey(3), seedKey(4));
                q = trust(five, Ed25519.sign(A.getPrivate(), TrustMessage.of(r.generation, five)));      // too many keys
            }
            default -> {
                List<byte[]> dup = List.of(b, b);
                q = trust(dup, Ed25519.sign(A.getPrivate(), TrustMessage.of(r.generation, dup)));        // a key twice
            }
        }
        Response p = r.t.call(q);
        count(r, p.getError());
        require(r, p.getError() == ErrorCode.TRUST_REFUSED, at + ": expected TRUST_REFUSED, got " + p.getError() + " " + p.getDetail());
        unchanged(r, at);
    }

    private static byte[] seedKey(int k) {
        return Ed25519.raw(Ed25519.fromSeed(seed(k)).getPublic());
    }

    /** The positive controls: the checks refuse what they must, not everything. */
    private static void controls(Run r) throws IOException {
        byte[] newer = signed(r.bases.get(1), A, 3);
        require(r, upload(r, newer) == ErrorCode.OK, "control: a newer model signed by A must commit");
        require(r, Arrays.equals(hello(r).getModelSha256().toByteArray(), Sha256.digest(newer)), "control: newer model active");
        require(r, upload(r, signed(r.bases.get(0), A, 2)) == ErrorCode.ROLLBACK, "control: version 2 after 3 is a rollback");
        require(r, upload(r, signed(r.bases.get(2), A, 3)) == ErrorCode.OK, "control: the same version commits");
        byte[] b = Ed25519.raw(B.getPublic());
        byte[] rotate = Ed25519.sign(A.getPrivate(), TrustMessage.of(r.generation, List.of(b)));
        Response p = r.t.call(trust(List.of(b), rotate));
        require(r, p.getError() == ErrorCode.OK && p.getStatus().getTrustGeneration() == r.generation + 1,
                "control: a rotation to B signed by A must be accepted: " + p.getDetail());
        require(r, r.t.call(trust(List.of(b), rotate)).getError() == ErrorCode.TRUST_REFUSED, "control: its replay is refused");
        require(r, upload(r, signed(r.bases.get(3), A, 4)) == ErrorCode.UNTRUSTED, "control: A is no longer trusted");
        require(r, upload(r, signed(r.bases.get(3), B, 4)) == ErrorCode.OK, "control: B's image commits");
        r.report.controls = 8;
    }

    private static void expectCommit(Run r, String at, byte[] img, ErrorCode want) throws IOException {
        ErrorCode expected = want;
        if (expected == null) { // a flip the parser may or may not catch: the Java parser says which
            try {
                ImageParser.parse(img, "attack");
                expected = ErrorCode.UNTRUSTED;
            } catch (SnnException e) {
                expected = ErrorCode.BAD_IMAGE;
            }
        }
        ErrorCode got = upload(r, img);
        count(r, got);
        require(r, got == expected, at + ": expected " + expected + ", got " + got);
        unchanged(r, at);
    }

    private static void count(Run r, ErrorCode code) {
        r.report.byCode.merge(code, 1, Integer::sum);
    }

    /** Begin, chunks, commit; the commit's error code (BAD_REQUEST with a note when an earlier step failed). */
    private static ErrorCode upload(Run r, byte[] img) throws IOException {
        byte[] sha = Sha256.digest(img);
        Response b = r.t.call(Request.newBuilder().setBegin(BeginUpload.newBuilder().setSha256(ByteString.copyFrom(sha))
                .setSize(img.length)));
        if (b.getError() != ErrorCode.OK || b.getAck().getNextOffset() != 0) {
            r.report.failures.add("begin refused: " + b.getError() + " " + b.getDetail());
            return ErrorCode.BAD_REQUEST;
        }
        for (int off = 0; off < img.length; off += r.maxChunk) {
            int n = Math.min(r.maxChunk, img.length - off);
            Response c = r.t.call(Request.newBuilder().setChunk(Chunk.newBuilder().setOffset(off)
                    .setData(ByteString.copyFrom(img, off, n))));
            if (c.getError() != ErrorCode.OK) {
                r.report.failures.add("chunk refused: " + c.getError() + " " + c.getDetail());
                return ErrorCode.BAD_REQUEST;
            }
        }
        return r.t.call(Request.newBuilder().setCommit(Commit.newBuilder().setSha256(ByteString.copyFrom(sha)))).getError();
    }

    /** The active model and the trust store are what they were. */
    private static void unchanged(Run r, String at) throws IOException {
        DeviceInfo info = hello(r);
        require(r, Arrays.equals(info.getModelSha256().toByteArray(), r.activeSha), at + ": the active model changed");
        require(r, info.getTrustedKeyIdsList().equals(r.trustedIds), at + ": the trust store changed");
        require(r, status(r).getTrustGeneration() == r.generation, at + ": the trust generation changed");
        if (r.flash != null) {
            require(r, Arrays.equals(r.flash.read(), r.activeBytes), at + ": the active model's flash bytes changed");
        }
    }

    private static void require(Run r, boolean ok, String what) {
        if (!ok) {
            r.report.failures.add(what);
        }
    }

    private static DeviceInfo hello(Run r) throws IOException {
        return r.t.call(Request.newBuilder().setHello(Hello.newBuilder().setHostProtocolVersion(1))).getInfo();
    }

    private static Status status(Run r) throws IOException {
        return r.t.call(Request.newBuilder().setStatus(StatusRequest.getDefaultInstance())).getStatus();
    }

    static Request.Builder trust(List<byte[]> keys, byte[] signature) {
        Trust.Builder t = Trust.newBuilder().setSignature(ByteString.copyFrom(signature));
        keys.forEach(k -> t.addKeys(ByteString.copyFrom(k)));
        return Request.newBuilder().setTrust(t);
    }

    static byte[] signed(DeviceImage m, KeyPair key, int securityVersion) {
        m.securityVersion = securityVersion;
        return ImageWriter.write(m, key == A ? SIGN_A : key == B ? SIGN_B : Ed25519.signer(key.getPrivate()));
    }

    static byte[] unsigned(DeviceImage m, int securityVersion) {
        m.securityVersion = securityVersion;
        return ImageWriter.write(m);
    }

    /** Flips 1..3 distinct random bits within [from, from + len) (distinct: two flips of one bit would cancel). */
    private static void flip(Run r, byte[] img, int from, int len) {
        int bits = 1 + r.rnd.nextInt(3);
        long[] done = new long[bits];
        for (int k = 0; k < bits; k++) {
            long bit;
            boolean seen;
            do {
                bit = r.rnd.nextLong(8L * len);
                seen = false;
                for (int q = 0; q < k; q++) {
                    seen |= done[q] == bit;
                }
            } while (seen);
            done[k] = bit;
            img[from + (int) (bit >>> 3)] ^= (byte) (1 << (bit & 7));
        }
    }

    /** The SHA-256 trailer recomputed over the (modified) bytes before it. */
    private static byte[] retrailer(byte[] img) {
        System.arraycopy(Sha256.digest(img, 0, img.length - 32), 0, img, img.length - 32, 32);
        return img;
    }

    /** {offset, length} of a section from the image's table. */
    private static int[] section(byte[] img, int id) {
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = 0; k < (img[ImageFormat.H_SECTION_COUNT] & 0xFF); k++) {
            int e = ImageFormat.HEADER_FIXED_BYTES + k * ImageFormat.SECTION_ENTRY_BYTES;
            if (b.getInt(e) == id) {
                return new int[] {b.getInt(e + 4), b.getInt(e + 8)};
            }
        }
        throw new IllegalStateException("no section " + id);
    }

    /**
     * A signed image whose SIGNATURE section is cut short: the file ends inside it (image_bytes and
     * trailer made consistent), or its table entry claims fewer bytes, or the entry is gone while the
     * SIGNED flag stays.
     */
    private static byte[] truncated(Run r, byte[] img) {
        ByteBuffer b = ByteBuffer.wrap(img).order(ByteOrder.LITTLE_ENDIAN);
        int count = img[ImageFormat.H_SECTION_COUNT] & 0xFF;
        int entry = ImageFormat.HEADER_FIXED_BYTES + (count - 1) * ImageFormat.SECTION_ENTRY_BYTES;
        switch (r.rnd.nextInt(3)) {
            case 0 -> {
                int cut = 1 + r.rnd.nextInt(ImageFormat.SIGNATURE_BYTES);
                byte[] out = Arrays.copyOf(img, img.length - cut);
                ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN).putInt(ImageFormat.H_IMAGE_BYTES, out.length);
                return retrailer(out);
            }
            case 1 -> b.putInt(entry + 8, r.rnd.nextInt(ImageFormat.SIGNATURE_BYTES));
            default -> img[ImageFormat.H_SECTION_COUNT] = (byte) (count - 1);
        }
        return retrailer(img);
    }
}
