package snn.sim.board;

import java.security.MessageDigest;
import snn.protocol.wire.ErrorCode;

/**
 * The one check every device image supports before the real parser is plugged in: the image ends
 * with the SHA-256 of all bytes before it. It does not parse the image or run its self-test.
 */
public final class TrailingShaValidator implements ImageValidator {
    @Override
    public Result validate(byte[] image) {
        if (image.length < 33) {
            return new Result(ErrorCode.BAD_IMAGE, "image of " + image.length + " bytes is shorter than its 32-byte SHA-256 trailer");
        }
        byte[] want = sha256(image, 0, image.length - 32);
        if (!MessageDigest.isEqual(want, java.util.Arrays.copyOfRange(image, image.length - 32, image.length))) {
            return new Result(ErrorCode.BAD_IMAGE, "image trailer at offset " + (image.length - 32)
                    + " is not the SHA-256 of the " + (image.length - 32) + " bytes before it");
        }
        return Result.OK;
    }

    public static byte[] sha256(byte[] data, int off, int len) {
        return snn.support.Sha256.digest(data, off, len);
    }

    public static byte[] sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    /** A test image: {@code body} followed by its SHA-256. */
    public static byte[] withTrailer(byte[] body) {
        byte[] img = java.util.Arrays.copyOf(body, body.length + 32);
        System.arraycopy(sha256(body), 0, img, body.length, 32);
        return img;
    }
}
