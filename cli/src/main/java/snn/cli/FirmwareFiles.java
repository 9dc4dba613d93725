package snn.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import snn.support.SnnException;

/**
 * Where the firmware comes from: the {@code firmware/} folder of the source tree (found next to the
 * jar, or above the working directory), its {@code build/<board>/} outputs, and the prebuilt files the
 * jar carries as {@code firmware/<board>/fw.<ext>} resources when the cross toolchain was there at
 * build time.
 */
final class FirmwareFiles {
    /** The install instructions for the cross compiler, for messages. */
    static final String TOOLCHAIN_HINT = "install it with `apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi`"
            + " (Debian/Ubuntu), `brew install --cask gcc-arm-embedded` (macOS) or the Arm GNU Toolchain from"
            + " developer.arm.com (Windows, macOS)";

    private FirmwareFiles() {
    }

    /** The jar resource of a board's prebuilt firmware file. */
    static String resourceName(Boards.Board b) {
        return "firmware/" + b.name() + "/" + b.fileName();
    }

    /** The prebuilt firmware file this jar carries for {@code b}, or null. */
    static byte[] embedded(Boards.Board b) {
        try (InputStream in = FirmwareFiles.class.getClassLoader().getResourceAsStream(resourceName(b))) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /** True when {@code tool} is an executable on PATH. */
    static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            if (Files.isExecutable(Path.of(dir, tool)) || Files.isExecutable(Path.of(dir, tool + ".exe"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The {@code firmware/} folder: {@code given} if set (it must hold a Makefile), else the one next to
     * the jar or classes folder ({@code <root>/cli/target/snn.jar}), else the first above the working
     * directory. Null when there is none.
     */
    static Path locate(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given.resolve("Makefile"))) {
                throw SnnException.badInput("--firmware-dir " + given + ": no Makefile there (expected the repository's firmware/ folder)");
            }
            return given.toAbsolutePath().normalize();
        }
        String env = System.getenv("SNN_FIRMWARE_DIR");
        if (env != null && !env.isEmpty() && Files.isRegularFile(Path.of(env, "Makefile"))) {
            return Path.of(env).toAbsolutePath().normalize();
        }
        try {
            CodeSource src = FirmwareFiles.class.getProtectionDomain().getCodeSource();
            if (src != null && src.getLocation() != null) {
                Path p = Path.of(src.getLocation().toURI()).toAbsolutePath();
                for (Path d = p; d != null; d = d.getParent()) {
                    if (isFirmwareDir(d.resolve("firmware"))) {
                        return d.resolve("firmware").normalize();
                    }
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // fall through to the working directory
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (isFirmwareDir(d.resolve("firmware"))) {
                return d.resolve("firmware").normalize();
            }
        }
        return null;
    }

    private static boolean isFirmwareDir(Path d) {
        return Files.isRegularFile(d.resolve("Makefile")) && Files.isDirectory(d.resolve("ports"));
    }

    /** {@code firmware/build/<board>/fw.<ext>} when it was built there, else null. */
    static Path built(Path firmwareDir, Boards.Board b) {
        if (firmwareDir == null) {
            return null;
        }
        Path f = firmwareDir.resolve("build").resolve(b.name()).resolve(b.fileName());
        return Files.isRegularFile(f) ? f : null;
    }
}
