package snn.sim.board;

import snn.protocol.wire.ErrorCode;

/**
 * The board's check of an uploaded image before it may become active: parse it and run its
 * known-answer self-test. The board has already verified the SHA-256 the host announced.
 */
@FunctionalInterface
public interface ImageValidator {
    /** The verdict: {@code code} is OK, BAD_IMAGE or SELF_TEST_FAILED, {@code detail} says why. */
    record Result(ErrorCode code, String detail) {
        public static final Result OK = new Result(ErrorCode.OK, "");

        public boolean ok() {
            return code == ErrorCode.OK;
        }
    }

    Result validate(byte[] image);
}
