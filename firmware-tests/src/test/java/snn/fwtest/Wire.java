package snn.fwtest;

import com.google.protobuf.ByteString;
import java.io.IOException;
import snn.deploy.upload.DeviceClient;
import snn.protocol.wire.BeginUpload;
import snn.protocol.wire.Chunk;
import snn.protocol.wire.Commit;
import snn.protocol.wire.Infer;
import snn.protocol.wire.Request;
import snn.protocol.wire.Response;

/** Single requests, one answer each, for tests that step through the protocol by hand. */
final class Wire {
    static final long TIMEOUT = 5000;

    private Wire() {
    }

    static Response begin(DeviceClient c, byte[] sha, int size) throws IOException {
        return c.call(Request.newBuilder().setBegin(BeginUpload.newBuilder().setSha256(ByteString.copyFrom(sha)).setSize(size)),
                TIMEOUT, 1, "begin");
    }

    static Response chunk(DeviceClient c, byte[] image, int offset, int len) throws IOException {
        return c.call(Request.newBuilder().setChunk(Chunk.newBuilder().setOffset(offset)
                .setData(ByteString.copyFrom(image, offset, len))), TIMEOUT, 1, "chunk");
    }

    /** Sends image[from, to) in chunks of 1024, one at a time; returns the last answer. */
    static Response chunks(DeviceClient c, byte[] image, int from, int to) throws IOException {
        Response r = null;
        for (int off = from; off < to; off += 1024) {
            r = chunk(c, image, off, Math.min(1024, to - off));
            if (r.getError() != snn.protocol.wire.ErrorCode.OK) {
                return r;
            }
        }
        return r;
    }

    /** BeginUpload announcing an SNZ1 stream of streamSize bytes for the image. */
    static Response beginSnz(DeviceClient c, byte[] sha, int size, int streamSize) throws IOException {
        return c.call(Request.newBuilder().setBegin(BeginUpload.newBuilder().setSha256(ByteString.copyFrom(sha)).setSize(size)
                .setEncoding(snn.protocol.wire.StreamEncoding.SNZ1).setStreamSize(streamSize)), TIMEOUT, 1, "begin");
    }

    /** A chunk of an SNZ1 stream at stream offset {@code offset}; blockImageOffset >= 0 marks a block start. */
    static Response streamChunk(DeviceClient c, byte[] stream, int offset, int len, int blockImageOffset) throws IOException {
        Chunk.Builder ch = Chunk.newBuilder().setOffset(offset).setData(ByteString.copyFrom(stream, offset, len));
        if (blockImageOffset >= 0) {
            ch.setBlockStart(true).setImageOffset(blockImageOffset);
        }
        return c.call(Request.newBuilder().setChunk(ch), TIMEOUT, 1, "chunk");
    }

    static Response commit(DeviceClient c, byte[] sha) throws IOException {
        return c.call(Request.newBuilder().setCommit(Commit.newBuilder().setSha256(ByteString.copyFrom(sha))), 30_000, 1,
                "commit");
    }

    static Response infer(DeviceClient c, byte[] pixels, int seed) throws IOException {
        return c.call(Request.newBuilder().setInfer(Infer.newBuilder().setPixels(ByteString.copyFrom(pixels)).setImageSeed(seed)),
                30_000, 1, "infer");
    }
}
