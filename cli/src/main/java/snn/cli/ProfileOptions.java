package snn.cli;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import snn.deploy.profile.DeviceProfile;
import snn.deploy.profile.Profiles;

/** {@code --profile NAME} or {@code --profile-file FILE}: the board a command quantizes for or plays. */
public final class ProfileOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "A built-in board profile: stm32f411, rp2040, esp32, lm3s6965, mps2-an385.")
    String name;

    @Option(names = "--profile-file", paramLabel = "FILE",
            description = "A board profile of your own (JSON or properties; see docs/porting.md).")
    Path file;

    /** The profile asked for; bad input when neither option is given or the file is wrong. */
    public DeviceProfile resolve() throws IOException {
        return Profiles.resolve(name, file);
    }

    /** As {@link #resolve()}, with {@code fallback} (a built-in name) when neither option is given. */
    public DeviceProfile resolve(String fallback) throws IOException {
        return Profiles.resolve(name == null && file == null ? fallback : name, file);
    }
}
