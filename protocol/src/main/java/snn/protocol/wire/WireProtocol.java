package snn.protocol.wire;


/** Constants of the deploy protocol (messages in {@code wire.proto}) and one-line descriptions for traces. */
public final class WireProtocol {
    /** Bumped when a message changes incompatibly. */
    public static final int VERSION = 1;
    /** Chunk size a device accepts at most unless it says otherwise; fits a frame with room for headers. */
    public static final int MAX_CHUNK = 2048;

    private WireProtocol() {
    }

    public static String hex(byte[] bytes) {
        return snn.support.Sha256.hex(bytes);
    }

    /** A short description of a request, e.g. {@code chunk offset=1024 len=1024}. */
    public static String describe(Request r) {
        return switch (r.getBodyCase()) {
            case HELLO -> "hello v" + r.getHello().getHostProtocolVersion();
            case BEGIN -> "begin sha256=" + abbrev(r.getBegin().getSha256().toByteArray()) + " size=" + r.getBegin().getSize();
            case CHUNK -> "chunk offset=" + r.getChunk().getOffset() + " len=" + r.getChunk().getData().size();
            case COMMIT -> "commit sha256=" + abbrev(r.getCommit().getSha256().toByteArray());
            case STATUS -> "status";
            case RESET -> "reset";
            case INFER -> "infer pixels=" + r.getInfer().getPixels().size() + " seed=" + r.getInfer().getImageSeed();
            case TRUST -> "trust keys=" + r.getTrust().getKeysCount() + " signed=" + !r.getTrust().getSignature().isEmpty();
            case BODY_NOT_SET -> "empty";
        } + " seq=" + r.getSeq();
    }

    /** A short description of a response, e.g. {@code ack next=2048 seq=7}. */
    public static String describe(Response r) {
        String body = switch (r.getBodyCase()) {
            case INFO -> "info profile=" + r.getInfo().getProfile() + " model=" + abbrev(r.getInfo().getModelSha256().toByteArray());
            case ACK -> "ack next=" + r.getAck().getNextOffset() + " of chunk " + r.getAck().getChunkOffset();
            case STATUS -> "status model=" + abbrev(r.getStatus().getModelSha256().toByteArray());
            case RESULT -> "result label=" + r.getResult().getLabel() + " steps=" + r.getResult().getSteps();
            case BODY_NOT_SET -> "empty";
        };
        String err = r.getError() == ErrorCode.OK ? "" : " error=" + r.getError() + " (" + r.getDetail() + ")";
        return body + err + " seq=" + r.getSeq();
    }

    private static String abbrev(byte[] sha) {
        String h = hex(sha);
        return h.isEmpty() ? "-" : h.substring(0, Math.min(12, h.length()));
    }
}
