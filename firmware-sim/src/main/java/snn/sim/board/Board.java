package snn.sim.board;

import snn.support.Hex;
import snn.support.Sha256;
import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.Arrays;
import snn.protocol.sign.Ed25519;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.InferResult;
import snn.protocol.wire.PendingUpload;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
import snn.protocol.wire.Trust;
import snn.protocol.compress.Snz;
import snn.protocol.compress.SnzDecoder;
import snn.protocol.wire.StreamEncoding;
import snn.protocol.wire.UploadAck;
import snn.protocol.wire.WireProtocol;

/**
 * The emulated board's firmware logic: answers one {@link Request} at a time, keeps models in two
 * flash slots and its state in the {@link Journal}. Transport-free; {@link BoardEndpoint} feeds it.
 *
 * <p>Safety rules, each the reason for an ordering below:
 * <ul>
 *   <li>uploads only ever write the inactive slot, so the active model's bytes are never touched;</li>
 *   <li>a new upload is first recorded as "none", then its slot erased, then recorded as started,
 *       so no record ever vouches for bytes an interrupted erase destroyed;</li>
 *   <li>progress is recorded only after the bytes it covers are programmed;</li>
 *   <li>commit hashes the slot and runs the validator before the one journal record that swaps;</li>
 *   <li>after a boot, chunks wait for a BeginUpload, which says how they are encoded: a compressed
 *       stream (docs/device-spec.md section 16) restarts at the block of the journalled offset;</li>
 *   <li>a compressed stream that does not decode (BAD_STREAM) ends the upload.</li>
 * </ul>
 * Not thread-safe: one endpoint drives it at a time.
 */
public final class Board {
    public static final String FIRMWARE_VERSION = "snn-firmware-sim 0.1.0";
    /** Upload progress is journalled every this many bytes (and at the end). */
    public static final int PROGRESS_STEP = 4096;

    private final BoardProfile profile;
    private final Flash flash;
    private final FlashLayout layout;
    private final ImageValidator validator;
    private final InferenceEngine engine;
    private final int maxChunk;

    private Journal journal;
    private int uploadNext;             // RAM: bytes of the upload programmed so far (>= journalled offset)
    private int encodings = 1 | 1 << StreamEncoding.SNZ1_VALUE; // offered in DeviceInfo
    private boolean session;            // RAM: a BeginUpload since boot set the upload's encoding
    private StreamEncoding encoding = StreamEncoding.RAW;
    private int streamSize;
    private long streamNext;            // RAM: next stream offset expected; -1 = waiting for a block start
    private SnzDecoder decoder;
    private byte[] model;               // RAM copy of the active model, null when none
    private TrustRules.ModelTrust modelTrust = TrustRules.ModelTrust.NONE; // its security version and signer
    private ErrorCode lastError = ErrorCode.OK;
    private String lastDetail = "";
    private boolean rebootRequested;
    private int boots;

    public Board(BoardProfile profile, Flash flash, FlashLayout layout, ImageValidator validator, InferenceEngine engine) {
        this(profile, flash, layout, validator, engine, WireProtocol.MAX_CHUNK);
    }

    public Board(BoardProfile profile, Flash flash, FlashLayout layout, ImageValidator validator, InferenceEngine engine,
                 int maxChunk) {
        this.profile = profile;
        this.flash = flash;
        this.layout = layout;
        this.validator = validator;
        this.engine = engine;
        this.maxChunk = maxChunk;
        boot();
    }

    /** Power-on: everything in RAM is lost and rebuilt from flash. Never writes flash. */
    public void boot() {
        boots++;
        journal = Journal.mount(flash, layout);
        JournalState s = journal.state();
        uploadNext = s.hasUpload() ? s.uploadOffset() : 0;
        session = false;
        decoder = null;
        model = null;
        modelTrust = TrustRules.ModelTrust.NONE;
        lastError = ErrorCode.OK;
        lastDetail = "";
        rebootRequested = false;
        if (s.hasModel()) {
            byte[] img = flash.read(layout.slotAddress(s.activeSlot()), s.activeSize());
            if (MessageDigest.isEqual(Sha256.of(img), s.activeSha())) {
                model = img;
                modelTrust = TrustRules.of(img);
            } else {
                lastError = ErrorCode.SHA_MISMATCH;
                lastDetail = "active model in slot " + s.activeSlot() + " does not match its recorded SHA-256";
            }
        }
    }

    /** Which stream encodings this board offers (bit e = StreamEncoding e; bit 0, RAW, is always set). */
    public Board offerEncodings(int mask) {
        encodings = mask | 1;
        return this;
    }

    public int boots() {
        return boots;
    }

    public JournalState state() {
        return journal.state();
    }

    public FlashLayout layout() {
        return layout;
    }

    public Flash flash() {
        return flash;
    }

    /** The active model's bytes read back from flash (not the RAM copy), or null when none. */
    public byte[] activeModelFromFlash() {
        JournalState s = journal.state();
        return s.hasModel() ? flash.read(layout.slotAddress(s.activeSlot()), s.activeSize()) : null;
    }

    /** True once after a Reset request was answered: the endpoint then calls {@link #boot()}. */
    public boolean takeRebootRequest() {
        boolean r = rebootRequested;
        rebootRequested = false;
        return r;
    }

    /**
     * Provisions the trust store at start ({@code snn emulate --trust}): on an unprovisioned board it
     * records keys as the first trust store; a board that already trusts exactly these keys is left
     * alone. Returns null, or why not (a provisioned board with other keys changes only by a signed
     * Trust request).
     */
    public String provisionAtStart(byte[][] keys) {
        JournalState s = journal.state();
        if (s.provisioned()) {
            return java.util.Arrays.deepEquals(s.trustKeys(), keys) ? null
                    : "the board's flash already holds another trust store (key ids " + TrustRules.ids(s.trustKeys())
                    + "); it changes only by a Trust request signed by one of those keys (snn device trust --sign-with)";
        }
        Trust.Builder t = Trust.newBuilder();
        for (byte[] k : keys) {
            t.addKeys(ByteString.copyFrom(k));
        }
        String why = TrustRules.checkTrust(s, t.build());
        if (why != null) {
            return why;
        }
        journal.append(s.withTrust(keys));
        return null;
    }

    /** Answers one request. May throw {@link PowerCutFlash.PowerCut} from a flash write. */
    public Response handle(Request req) {
        Response.Builder r = Response.newBuilder().setSeq(req.getSeq());
        switch (req.getBodyCase()) {
            case HELLO -> r.setInfo(info());
            case BEGIN -> begin(req, r);
            case CHUNK -> chunk(req, r);
            case COMMIT -> commit(req, r);
            case STATUS -> r.setStatus(status());
            case RESET -> {
                rebootRequested = true;
                r.setStatus(status());
            }
            case INFER -> infer(req, r);
            case TRUST -> trust(req, r);
            // no body, or a kind this device does not know (protobuf keeps it as an unknown field)
            default -> fail(r, ErrorCode.BAD_REQUEST, "request without a body");
        }
        return r.build();
    }

    private DeviceInfo info() {
        JournalState s = journal.state();
        DeviceInfo.Builder b = DeviceInfo.newBuilder()
                .setProtocolVersion(WireProtocol.VERSION).setFirmwareVersion(FIRMWARE_VERSION)
                .setProfile(profile.name()).setFlashBytes(profile.flashBytes()).setRamBytes(profile.ramBytes())
                .setSlotBytes(layout.slotBytes()).setMaxChunk(maxChunk).setInference(engine != null).setCanVerify(true)
                .setEncodings(encodings).setDecoderRamBytes(encodings == 1 ? 0 : Snz.DECODER_RAM_BYTES)
                .setMaxRequestPayload(snn.protocol.frame.Frames.MAX_PAYLOAD);
        if (model != null) {
            b.setModelSha256(ByteString.copyFrom(s.activeSha())).setModelSize(s.activeSize()).setActiveSlot(s.activeSlot())
                    .setActiveSecurityVersion(modelTrust.securityVersion());
        }
        for (byte[] k : s.trustKeys()) {
            b.addTrustedKeyIds(ByteString.copyFrom(Ed25519.keyId(k)));
        }
        if (s.hasUpload()) {
            b.setPending(pending(s));
        }
        return b.build();
    }

    private Status status() {
        JournalState s = journal.state();
        Status.Builder b = Status.newBuilder().setLastError(lastError).setLastDetail(lastDetail)
                .setTrustGeneration(s.trustGeneration());
        if (model != null) {
            b.setModelSha256(ByteString.copyFrom(s.activeSha())).setModelSize(s.activeSize()).setActiveSlot(s.activeSlot());
            if (modelTrust.keyId() != null) {
                b.setActiveKeyId(ByteString.copyFrom(modelTrust.keyId()));
            }
        }
        for (byte[] k : s.trustKeys()) {
            b.addTrustedKeyIds(ByteString.copyFrom(Ed25519.keyId(k)));
        }
        if (s.hasUpload()) {
            b.setPending(pending(s));
        }
        return b.build();
    }

    private PendingUpload pending(JournalState s) {
        return PendingUpload.newBuilder().setSha256(ByteString.copyFrom(s.uploadSha())).setSize(s.uploadSize())
                .setNextOffset(uploadNext).setSlot(s.uploadSlot()).build();
    }

    private void begin(Request req, Response.Builder r) {
        byte[] sha = req.getBegin().getSha256().toByteArray();
        long wireSize = Integer.toUnsignedLong(req.getBegin().getSize()); // uint32 on the wire, as the C firmware reads it
        JournalState s = journal.state();
        if (sha.length != 32 || wireSize == 0) {
            fail(r, ErrorCode.BAD_REQUEST, "begin needs a 32-byte SHA-256 and a size > 0, got " + sha.length + " bytes and "
                    + wireSize);
            return;
        }
        if (wireSize > layout.slotBytes()) {
            fail(r, ErrorCode.TOO_LARGE, "image of " + wireSize + " bytes does not fit a model slot of " + layout.slotBytes()
                    + " bytes on " + profile.name());
            return;
        }
        int size = (int) wireSize;
        StreamEncoding enc = req.getBegin().getEncoding();
        int stream = req.getBegin().getStreamSize();
        if (enc == StreamEncoding.UNRECOGNIZED || (encodings >>> enc.getNumber() & 1) == 0) {
            fail(r, ErrorCode.UNSUPPORTED, "stream encoding " + req.getBegin().getEncodingValue() + " is not offered (encodings "
                    + encodings + ")");
            return;
        }
        if (enc == StreamEncoding.SNZ1 && (stream <= 0 || stream > size + Snz.HEADER * ((size + Snz.BLOCK - 1) / Snz.BLOCK))) {
            fail(r, ErrorCode.BAD_REQUEST, "SNZ1 stream_size " + stream + " outside 1.." + (size + Snz.HEADER
                    * ((size + Snz.BLOCK - 1) / Snz.BLOCK)) + " for a " + size + "-byte image");
            return;
        }
        if (model != null && Arrays.equals(sha, s.activeSha()) && size == s.activeSize()) {
            r.setAck(UploadAck.newBuilder().setNextOffset(enc == StreamEncoding.RAW ? size : stream).setImageOffset(size)
                    .setAlreadyActive(true));
            return;
        }
        if (s.hasUpload() && Arrays.equals(sha, s.uploadSha()) && size == s.uploadSize()) {
            r.setAck(startSession(enc, size, stream)); // resume
            return;
        }
        int slot = s.hasModel() ? 1 - s.activeSlot() : 0;
        if (s.hasUpload()) {
            journal.append(s.withoutUpload());
        }
        int base = layout.slotAddress(slot);
        for (int off = 0; off < size; off += layout.sectorSize()) {
            flash.erase(base + off);
        }
        journal.append(journal.state().withUpload(slot, sha, size, 0));
        uploadNext = 0;
        r.setAck(startSession(enc, size, stream));
    }

    /**
     * Sets the encoding of the chunks that follow. A compressed stream restarts at the block that holds
     * {@code uploadNext}; after a boot or a resume the device does not know where that block starts
     * in the stream, so the ack asks for it (stream_sync) and the host sends it with block_start set.
     */
    private UploadAck startSession(StreamEncoding enc, int size, int stream) {
        session = true;
        encoding = enc;
        streamSize = stream;
        decoder = null;
        if (enc == StreamEncoding.RAW) {
            return UploadAck.newBuilder().setNextOffset(uploadNext).setImageOffset(uploadNext).build();
        }
        if (uploadNext == size) { // every byte is programmed: nothing more to send
            streamNext = stream;
            return UploadAck.newBuilder().setNextOffset(stream).setImageOffset(size).build();
        }
        decoder = new SnzDecoder(size);
        int block = uploadNext / Snz.BLOCK * Snz.BLOCK;
        decoder.restartAt(block);
        if (uploadNext == 0) {
            streamNext = 0; // a new stream starts with block 0
            return UploadAck.newBuilder().setNextOffset(0).setImageOffset(0).build();
        }
        streamNext = -1;
        return UploadAck.newBuilder().setImageOffset(block).setStreamSync(true).build();
    }

    private void chunk(Request req, Response.Builder r) {
        JournalState s = journal.state();
        long wireOffset = Integer.toUnsignedLong(req.getChunk().getOffset()); // uint32, as the C firmware reads it
        byte[] data = req.getChunk().getData().toByteArray();
        if (!s.hasUpload()) {
            fail(r, ErrorCode.NO_UPLOAD, "chunk at offset " + wireOffset + " without an upload in progress");
            return;
        }
        if (!session) {
            fail(r, ErrorCode.NO_UPLOAD, "chunk at offset " + wireOffset + " before BeginUpload: the upload of " + s.uploadSize()
                    + " bytes is pending at image offset " + uploadNext + "; send BeginUpload to resume it");
            return;
        }
        if (encoding != StreamEncoding.RAW) {
            if (wireOffset > Integer.MAX_VALUE) {
                fail(r, ErrorCode.BAD_REQUEST, "chunk at stream offset " + wireOffset + " past any SNZ1 stream");
                return;
            }
            streamChunk(req, r, s, (int) wireOffset, data);
            return;
        }
        UploadAck.Builder ack = UploadAck.newBuilder().setChunkOffset((int) wireOffset);
        if (data.length == 0 || data.length > maxChunk || wireOffset + data.length > s.uploadSize()) {
            fail(r, ErrorCode.BAD_REQUEST, "chunk at offset " + wireOffset + " of " + data.length + " bytes outside the "
                    + s.uploadSize() + "-byte image or over the " + maxChunk + "-byte chunk limit");
            r.setAck(ack.setNextOffset(uploadNext));
            return;
        }
        int offset = (int) wireOffset;
        if (offset > uploadNext) {
            fail(r, ErrorCode.BAD_OFFSET, "chunk at offset " + offset + ", expected " + uploadNext);
            r.setAck(ack.setNextOffset(uploadNext));
            return;
        }
        int end = offset + data.length;
        if (end > uploadNext) { // not a pure duplicate: program the new part
            store(s, offset, data, 0, data.length);
        }
        r.setAck(ack.setNextOffset(uploadNext).setImageOffset(uploadNext));
    }

    /** A chunk of a compressed stream: offsets are stream offsets; decoded bytes are programmed as they come. */
    private void streamChunk(Request req, Response.Builder r, JournalState s, int offset, byte[] data) {
        UploadAck.Builder ack = UploadAck.newBuilder().setChunkOffset(offset);
        if (offset < 0 || data.length == 0 || data.length > maxChunk || (long) offset + data.length > streamSize) {
            fail(r, ErrorCode.BAD_REQUEST, "chunk at stream offset " + offset + " of " + data.length + " bytes outside the "
                    + streamSize + "-byte stream or over the " + maxChunk + "-byte chunk limit");
            r.setAck(ack.setNextOffset((int) Math.max(0, streamNext)).setImageOffset(uploadNext).setStreamSync(streamNext < 0));
            return;
        }
        if (decoder == null) { // every byte is programmed already
            r.setAck(ack.setNextOffset((int) streamNext).setImageOffset(uploadNext));
            return;
        }
        if (streamNext < 0) {
            if (req.getChunk().getBlockStart() && req.getChunk().getImageOffset() == decoder.blockImageOffset()
                    && decoder.atBlockStart()) {
                streamNext = offset; // resynchronized at a block start
            } else {
                fail(r, ErrorCode.BAD_OFFSET, "chunk at stream offset " + offset + ", expected the start of the block at image offset "
                        + decoder.blockImageOffset());
                r.setAck(ack.setImageOffset(decoder.blockImageOffset()).setStreamSync(true));
                return;
            }
        }
        if (offset > streamNext) {
            fail(r, ErrorCode.BAD_OFFSET, "chunk at stream offset " + offset + ", expected " + streamNext);
            r.setAck(ack.setNextOffset((int) streamNext).setImageOffset(uploadNext));
            return;
        }
        int end = offset + data.length;
        if (end > streamNext) {
            int skip = (int) (streamNext - offset);
            try {
                decoder.feed(data, skip, data.length - skip, (at, bytes, off, len) -> store(s, at, bytes, off, len));
                streamNext = end;
                if (streamNext == streamSize) {
                    decoder.finish(); // the announced stream ends here: it must have decoded the whole image
                }
            } catch (SnzDecoder.BadStream e) {
                journal.append(journal.state().withoutUpload()); // the slot's bytes are useless; a new begin starts over
                uploadNext = 0;
                session = false;
                decoder = null;
                lastError = ErrorCode.BAD_STREAM;
                lastDetail = e.getMessage() + "; upload abandoned, kept the previous model";
                fail(r, ErrorCode.BAD_STREAM, lastDetail);
                r.setAck(ack.setImageOffset(0));
                return;
            }
            if (decoder.done()) {
                decoder = null;
            }
        }
        r.setAck(ack.setNextOffset((int) streamNext).setImageOffset(uploadNext));
    }

    /**
     * Programs image bytes {@code [at, at+len)} from {@code data[off..]}, skipping what is programmed
     * already, and journals the progress every PROGRESS_STEP bytes (and at the end).
     */
    private void store(JournalState s, int at, byte[] data, int off, int len) {
        int end = at + len;
        if (end <= uploadNext) {
            return; // re-decoded bytes of a block that was partly programmed before a resume
        }
        int skip = uploadNext - at;
        if (skip < 0) {
            throw new IllegalStateException("image bytes from " + at + " would leave a gap after " + uploadNext);
        }
        flash.program(layout.slotAddress(s.uploadSlot()) + uploadNext, data, off + skip, len - skip);
        int before = uploadNext;
        uploadNext = end;
        if (end == s.uploadSize() || end / PROGRESS_STEP != before / PROGRESS_STEP) {
            int recorded = end == s.uploadSize() ? end : end / PROGRESS_STEP * PROGRESS_STEP;
            journal.append(s.withUpload(s.uploadSlot(), s.uploadSha(), s.uploadSize(), recorded));
        }
    }

    private void commit(Request req, Response.Builder r) {
        byte[] sha = req.getCommit().getSha256().toByteArray();
        JournalState s = journal.state();
        if (!s.hasUpload()) {
            if (model != null && Arrays.equals(sha, s.activeSha())) {
                r.setStatus(status()); // already committed: commit is idempotent
            } else {
                fail(r, ErrorCode.NO_UPLOAD, "commit without an upload in progress");
                r.setStatus(status());
            }
            return;
        }
        if (!Arrays.equals(sha, s.uploadSha())) {
            fail(r, ErrorCode.BAD_REQUEST, "commit names " + Hex.encode(sha) + " but the upload in progress is "
                    + Hex.encode(s.uploadSha()));
            return;
        }
        if (uploadNext < s.uploadSize()) {
            fail(r, ErrorCode.INCOMPLETE, "commit with " + uploadNext + " of " + s.uploadSize() + " bytes received");
            r.setStatus(status());
            return;
        }
        byte[] img = flash.read(layout.slotAddress(s.uploadSlot()), s.uploadSize());
        ImageValidator.Result verdict;
        if (!MessageDigest.isEqual(Sha256.of(img), s.uploadSha())) {
            verdict = new ImageValidator.Result(ErrorCode.SHA_MISMATCH, "slot " + s.uploadSlot()
                    + " holds bytes whose SHA-256 is " + Sha256.hexOf(img)
                    + ", not the announced " + Hex.encode(sha));
        } else {
            ImageValidator.Result refused = s.provisioned()
                    ? TrustRules.checkImage(img, s.trustKeys(), modelTrust, model != null) : null;
            verdict = refused != null ? refused : validator.validate(img);
        }
        if (!verdict.ok()) {
            journal.append(s.withoutUpload()); // the slot's bytes are useless; a new begin starts over
            uploadNext = 0;
            session = false;
            lastError = verdict.code();
            lastDetail = verdict.detail() + "; kept the previous model";
            fail(r, verdict.code(), lastDetail);
            r.setStatus(status());
            return;
        }
        journal.append(s.uploadActivated()); // the swap: one record
        uploadNext = 0;
        session = false;
        decoder = null;
        model = img;
        modelTrust = TrustRules.of(img);
        lastError = ErrorCode.OK;
        lastDetail = "";
        r.setStatus(status());
    }

    /** Trust request: the provisioning rule of docs/device-spec.md section 15.3, then one journal record. */
    private void trust(Request req, Response.Builder r) {
        JournalState s = journal.state();
        String why = TrustRules.checkTrust(s, req.getTrust());
        if (why != null) {
            fail(r, ErrorCode.TRUST_REFUSED, why + "; trust store unchanged");
            r.setStatus(status());
            return;
        }
        byte[][] keys = new byte[req.getTrust().getKeysCount()][];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = req.getTrust().getKeys(k).toByteArray();
        }
        journal.append(s.withTrust(keys));
        r.setStatus(status());
    }

    private void infer(Request req, Response.Builder r) {
        if (model == null) {
            fail(r, ErrorCode.NO_MODEL, "no active model to run");
            return;
        }
        if (engine == null) {
            fail(r, ErrorCode.UNSUPPORTED, "this firmware build has no inference engine");
            return;
        }
        try {
            InferenceEngine.Answer a = engine.infer(model, req.getInfer().getPixels().toByteArray(), req.getInfer().getImageSeed());
            InferResult.Builder b = InferResult.newBuilder().setLabel(a.label()).setSteps(a.steps());
            for (int c : a.spikeCounts()) {
                b.addSpikeCounts(c);
            }
            r.setResult(b);
        } catch (IllegalArgumentException e) {
            fail(r, ErrorCode.BAD_INPUT, e.getMessage());
        }
    }

    private static void fail(Response.Builder r, ErrorCode code, String detail) {
        r.setError(code).setDetail(detail);
    }
}
