package snn.sim.image;

import snn.protocol.image.DeviceImage;
import snn.protocol.image.ImageParser;
import snn.protocol.wire.ErrorCode;
import snn.sim.board.ImageValidator;
import snn.support.SnnException;

/**
 * The board's commit check per docs/device-spec.md, in the C firmware's order: parse the image, check
 * that the model fits the board's RAM (the C firmware's compile-time limits; section 12 here), then
 * run its known-answer self-test.
 */
public final class SpecImageValidator implements ImageValidator {
    private final snn.sim.board.BoardProfile profile;

    /** Without a RAM limit (a board whose RAM is not modelled). */
    public SpecImageValidator() {
        this(null);
    }

    public SpecImageValidator(snn.sim.board.BoardProfile profile) {
        this.profile = profile;
    }

    @Override
    public Result validate(byte[] image) {
        DeviceImage m;
        try {
            m = ImageParser.parse(image, "uploaded image");
        } catch (SnnException e) {
            return new Result(ErrorCode.BAD_IMAGE, e.getMessage());
        }
        if (profile != null && profile.ramNeeded(m.inputs, m.neurons) > profile.ramBytes()) {
            return new Result(ErrorCode.BAD_IMAGE, "a model of " + m.inputs + " inputs and " + m.neurons
                    + " neurons needs " + profile.ramNeeded(m.inputs, m.neurons) + " bytes of RAM (docs/device-spec.md"
                    + " section 12), more than the " + profile.ramBytes() + " bytes of " + profile.name());
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
