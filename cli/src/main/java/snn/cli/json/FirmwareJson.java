package snn.cli.json;

import java.util.List;

/** {@code snn firmware list|build|install --json}. */
public final class FirmwareJson {
    private FirmwareJson() {
    }

    /** firmware list; {@code firmwareDir} is null when no firmware/ folder was found. */
    public record Listing(String firmwareDir, List<Board> boards) {
    }

    /** {@code qemuMachine} null: no QEMU model of the board; {@code built} null: not built here. */
    public record Board(String board, String core, String qemuMachine, String format, String driveLabel,
                        List<String> markerFiles, boolean inJar, String built) {
    }

    /** firmware build. */
    public record Build(String board, String buildDir, String firmwareFile, List<File> files) {
    }

    public record File(String path, int bytes, String sha256) {
    }

    /** firmware install; {@code port} and {@code device} are null with --no-wait. */
    public record Install(String board, String drive, String file, String source, int bytes, String sha256, String port,
                          DeviceJson device) {
    }
}
