package snn.sim.board;

import com.google.protobuf.ByteString;
import java.security.MessageDigest;
import java.util.Arrays;
import snn.protocol.wire.DeviceInfo;
import snn.protocol.wire.ErrorCode;
import snn.protocol.wire.InferResult;
import snn.protocol.wire.PendingUpload;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;
import snn.protocol.wire.Status;
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
 *   <li>commit hashes the slot and runs the validator before the one journal record that swaps.</li>
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
    private byte[] model;               // RAM copy of the active model, null when none
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
        model = null;
        lastError = ErrorCode.OK;
        lastDetail = "";
        rebootRequested = false;
        if (s.hasModel()) {
            byte[] img = flash.read(layout.slotAddress(s.activeSlot()), s.activeSize());
            if (MessageDigest.isEqual(TrailingShaValidator.sha256(img), s.activeSha())) {
                model = img;
            } else {
                lastError = ErrorCode.SHA_MISMATCH;
                lastDetail = "active model in slot " + s.activeSlot() + " does not match its recorded SHA-256";
            }
        }
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
                .setSlotBytes(layout.slotBytes()).setMaxChunk(maxChunk).setInference(engine != null)
                .setMaxRequestPayload(snn.protocol.frame.Frames.MAX_PAYLOAD);
        if (model != null) {
            b.setModelSha256(ByteString.copyFrom(s.activeSha())).setModelSize(s.activeSize()).setActiveSlot(s.activeSlot());
        }
        if (s.hasUpload()) {
            b.setPending(pending(s));
        }
        return b.build();
    }

    private Status status() {
        JournalState s = journal.state();
        Status.Builder b = Status.newBuilder().setLastError(lastError).setLastDetail(lastDetail);
        if (model != null) {
            b.setModelSha256(ByteString.copyFrom(s.activeSha())).setModelSize(s.activeSize()).setActiveSlot(s.activeSlot());
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
        if (model != null && Arrays.equals(sha, s.activeSha()) && size == s.activeSize()) {
            r.setAck(UploadAck.newBuilder().setNextOffset(size).setAlreadyActive(true));
            return;
        }
        if (s.hasUpload() && Arrays.equals(sha, s.uploadSha()) && size == s.uploadSize()) {
            r.setAck(UploadAck.newBuilder().setNextOffset(uploadNext)); // resume
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
        r.setAck(UploadAck.newBuilder().setNextOffset(0));
    }

    private void chunk(Request req, Response.Builder r) {
        JournalState s = journal.state();
        long wireOffset = Integer.toUnsignedLong(req.getChunk().getOffset()); // uint32, as the C firmware reads it
        byte[] data = req.getChunk().getData().toByteArray();
        if (!s.hasUpload()) {
            fail(r, ErrorCode.NO_UPLOAD, "chunk at offset " + wireOffset + " without an upload in progress");
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
            int skip = uploadNext - offset;
            flash.program(layout.slotAddress(s.uploadSlot()) + uploadNext, data, skip, data.length - skip);
            int before = uploadNext;
            uploadNext = end;
            if (end == s.uploadSize() || end / PROGRESS_STEP != before / PROGRESS_STEP) {
                int recorded = end == s.uploadSize() ? end : end / PROGRESS_STEP * PROGRESS_STEP;
                journal.append(s.withUpload(s.uploadSlot(), s.uploadSha(), s.uploadSize(), recorded));
            }
        }
        r.setAck(ack.setNextOffset(uploadNext));
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
            fail(r, ErrorCode.BAD_REQUEST, "commit names " + WireProtocol.hex(sha) + " but the upload in progress is "
                    + WireProtocol.hex(s.uploadSha()));
            return;
        }
        if (uploadNext < s.uploadSize()) {
            fail(r, ErrorCode.INCOMPLETE, "commit with " + uploadNext + " of " + s.uploadSize() + " bytes received");
            r.setStatus(status());
            return;
        }
        byte[] img = flash.read(layout.slotAddress(s.uploadSlot()), s.uploadSize());
        ImageValidator.Result verdict;
        if (!MessageDigest.isEqual(TrailingShaValidator.sha256(img), s.uploadSha())) {
            verdict = new ImageValidator.Result(ErrorCode.SHA_MISMATCH, "slot " + s.uploadSlot()
                    + " holds bytes whose SHA-256 is " + WireProtocol.hex(TrailingShaValidator.sha256(img))
                    + ", not the announced " + WireProtocol.hex(sha));
        } else {
            verdict = validator.validate(img);
        }
        if (!verdict.ok()) {
            journal.append(s.withoutUpload()); // the slot's bytes are useless; a new begin starts over
            uploadNext = 0;
            lastError = verdict.code();
            lastDetail = verdict.detail() + "; kept the previous model";
            fail(r, verdict.code(), lastDetail);
            r.setStatus(status());
            return;
        }
        journal.append(s.uploadActivated()); // the swap: one record
        uploadNext = 0;
        model = img;
        lastError = ErrorCode.OK;
        lastDetail = "";
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
