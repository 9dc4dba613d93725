package snn.sim.image;

import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.wire.ErrorCode;
import snn.sim.board.ImageValidator;
import snn.support.SnnException;

/** The board's commit check per docs/device-spec.md: parse the image, then run its known-answer self-test. */
public final class SpecImageValidator implements ImageValidator {
    @Override
    public Result validate(byte[] image) {
        DeviceImage m;
        try {
            m = ImageParser.parse(image, "uploaded image");
        } catch (SnnException e) {
            return new Result(ErrorCode.BAD_IMAGE, e.getMessage());
        }
        String failed;
        try {
            failed = ImageNetworks.runSelfTest(m);
        } catch (SnnException e) {
            return new Result(ErrorCode.BAD_IMAGE, e.getMessage());
        }
        return failed == null ? Result.OK : new Result(ErrorCode.SELF_TEST_FAILED, failed);
    }
}
