package snn.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import snn.deploy.link.Links;
import snn.deploy.upload.DeviceClient;
import snn.deploy.upload.UploadResult;
import snn.protocol.image.ImageWriter;
import snn.protocol.wire.DeviceInfo;
import snn.support.Json;
import snn.support.SnnException;

/** {@code snn firmware ...}: the C firmware's boards, building it, and putting it on a board's USB drive. */
@Command(name = "firmware", description = "List the firmware's boards, build the firmware of one, install it on a board.",
        subcommands = {FirmwareCommand.ListBoards.class, FirmwareCommand.Build.class, FirmwareCommand.Install.class})
public final class FirmwareCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return SnnException.USAGE;
    }

    /**
     * What the firmware commands take from this machine; tests replace it ({@link #env}) so that they
     * need no USB drive, serial port or toolchain.
     */
    public static final class Env {
        /** Folders whose sub-folders are mounted drives (a drive letter root is a drive itself). */
        public Supplier<List<Path>> mountRoots = UsbDrives::defaultMountRoots;
        /** The serial ports present now. */
        public Supplier<List<String>> serialPorts = Env::systemSerialPorts;
        /** True when a drive cannot be written (read-only file store or no write permission). */
        public Predicate<Path> readOnly = Env::systemReadOnly;
        /** The jar's prebuilt firmware file of a board, or null. */
        public Function<Boards.Board, byte[]> embedded = FirmwareFiles::embedded;
        /** True when a tool is on PATH. */
        public Predicate<String> onPath = FirmwareFiles::onPath;
        /** The firmware folder; null: located next to the jar or above the working directory. */
        public Path firmwareDir;
        /** How often the serial ports are polled while waiting, in milliseconds. */
        public long pollMillis = 250;

        static List<String> systemSerialPorts() {
            List<String> out = new ArrayList<>();
            Path dev = Path.of("/dev");
            if (Files.isDirectory(dev)) {
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dev, "tty{ACM,USB}*")) {
                    ds.forEach(p -> out.add(p.toString()));
                } catch (IOException e) {
                    // none
                }
                if (!out.isEmpty() || !System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("mac")) {
                    out.sort(null);
                    return out;
                }
            }
            try {
                out.addAll(List.of(jssc.SerialPortList.getPortNames()));
            } catch (RuntimeException | LinkageError e) {
                // no native serial library here
            }
            return out;
        }

        static boolean systemReadOnly(Path drive) {
            try {
                return Files.getFileStore(drive).isReadOnly() || !Files.isWritable(drive);
            } catch (IOException e) {
                return true;
            }
        }
    }

    /** The environment the firmware commands use; tests swap it and restore {@link Env#Env()} after. */
    public static Env env = new Env();

    static Path firmwareDir(Path given) {
        return FirmwareFiles.locate(given != null ? given : env.firmwareDir);
    }

    // ---------------------------------------------------------------------------------------------

    /** {@code snn firmware list}. */
    @Command(name = "list", description = "Show the boards: core, QEMU machine, firmware file format, and whether a"
            + " firmware file is at hand (in this jar, or built in firmware/build).")
    public static final class ListBoards implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--firmware-dir", description = "The repository's firmware/ folder (default: found next to the jar or above the working directory).")
        Path firmwareDirOption;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Path fw = firmwareDir(firmwareDirOption);
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Boards.Board b : Boards.ALL) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("board", b.name());
                m.put("core", b.core());
                m.put("qemu_machine", b.qemuMachine());
                m.put("format", b.format().ext());
                m.put("drive_label", b.driveLabel());
                m.put("marker_files", b.markerFiles());
                m.put("in_jar", env.embedded.apply(b) != null);
                Path built = FirmwareFiles.built(fw, b);
                m.put("built", built == null ? null : built.toString());
                rows.add(m);
            }
            if (common.json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("firmware_dir", fw == null ? null : fw.toString());
                j.put("boards", rows);
                out.println(Json.pretty(j));
            } else {
                out.printf("%-18s %-14s %-13s %-6s %s%n", "board", "core", "qemu", "format", "firmware file");
                for (Map<String, Object> m : rows) {
                    List<String> at = new ArrayList<>();
                    if ((Boolean) m.get("in_jar")) {
                        at.add("jar");
                    }
                    if (m.get("built") != null) {
                        at.add(String.valueOf(m.get("built")));
                    }
                    out.printf("%-18s %-14s %-13s %-6s %s%n", m.get("board"), m.get("core"),
                            m.get("qemu_machine") == null ? "-" : m.get("qemu_machine"), m.get("format"),
                            at.isEmpty() ? "-" : String.join(", ", at));
                }
            }
            out.flush();
            return 0;
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** {@code snn firmware build --board B}. */
    @Command(name = "build", description = "Build one board's firmware: make -C firmware BOARD=B firmware (needs make and arm-none-eabi-gcc).")
    public static final class Build implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--board", required = true, description = "The board (snn firmware list).")
        String board;

        @Option(names = "--out", paramLabel = "DIR", description = "Build folder (make BUILD=DIR; default firmware/build). Files land in DIR/<board>/.")
        Path outDir;

        @Option(names = "--firmware-dir", description = "The repository's firmware/ folder (default: found next to the jar or above the working directory).")
        Path firmwareDirOption;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Boards.Board b = Boards.resolve(board);
            for (String tool : List.of("make", "arm-none-eabi-gcc")) {
                if (!env.onPath.test(tool)) {
                    throw SnnException.badInput("no " + tool + " on PATH: building the " + b.name() + " firmware needs make and"
                            + " the GNU Arm cross compiler; " + (tool.equals("make") ? "install make (apt-get install make)"
                            : FirmwareFiles.TOOLCHAIN_HINT));
                }
            }
            Path fw = firmwareDir(firmwareDirOption);
            if (fw == null) {
                throw SnnException.badInput("no firmware/ folder found next to the jar or above " + Path.of("").toAbsolutePath()
                        + "; run from the repository or pass --firmware-dir");
            }
            Path build = outDir == null ? fw.resolve("build") : outDir.toAbsolutePath().normalize();
            List<String> cmd = List.of("make", "--no-print-directory", "-C", fw.toString(), "BOARD=" + b.name(),
                    "BUILD=" + build, "firmware");
            if (!common.quiet) {
                err.println(String.join(" ", cmd));
                err.flush();
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            StringBuilder log = new StringBuilder();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    log.append(line).append('\n');
                    if (common.verbose) {
                        err.println(line);
                        err.flush();
                    }
                }
            }
            int code = p.waitFor();
            if (code != 0) {
                if (!common.verbose) {
                    err.print(log);
                    err.flush();
                }
                throw SnnException.checkFailed("make BOARD=" + b.name() + " firmware failed (exit " + code + ")");
            }
            Path dir = build.resolve(b.name());
            List<Map<String, Object>> files = new ArrayList<>();
            for (String name : fileNames()) {
                Path f = dir.resolve(name);
                if (Files.isRegularFile(f)) {
                    byte[] bytes = Files.readAllBytes(f);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("path", f.toString());
                    m.put("bytes", bytes.length);
                    m.put("sha256", ImageWriter.hex(ImageWriter.sha256(bytes, 0, bytes.length)));
                    files.add(m);
                }
            }
            Path main = dir.resolve(b.fileName());
            if (!Files.isRegularFile(main)) {
                throw SnnException.checkFailed("make BOARD=" + b.name() + " firmware wrote no " + main);
            }
            if (common.json) {
                Map<String, Object> j = new LinkedHashMap<>();
                j.put("board", b.name());
                j.put("build_dir", build.toString());
                j.put("firmware_file", main.toString());
                j.put("files", files);
                out.println(Json.pretty(j));
            } else {
                for (Map<String, Object> m : files) {
                    out.printf("%s  %d bytes  sha256 %s%n", m.get("path"), m.get("bytes"), m.get("sha256"));
                }
                if (b.hasDrive() && !common.quiet) {
                    err.println("install it with: snn firmware install --board " + b.name()
                            + (outDir == null ? "" : " --file " + main));
                }
            }
            out.flush();
            err.flush();
            return 0;
        }

        /** What {@code make firmware} can write: fw.elf and the board's FW_FORMATS. */
        private static List<String> fileNames() {
            return List.of("fw.elf", "fw.hex", "fw.bin", "fw.uf2");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** {@code snn firmware install --board B}. */
    @Command(name = "install", description = "Copy a board's firmware onto its programmer's USB drive (DAPLink MICROBIT,"
            + " ST-LINK NODE_F411RE, RP2040 boot ROM RPI-RP2), wait for its serial port, then show snn device info.")
    public static final class Install implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Option(names = "--board", required = true, description = "The board (snn firmware list).")
        String board;

        @Option(names = "--drive", paramLabel = "PATH", description = "The board's USB drive (default: found by volume label or marker file).")
        Path drive;

        @Option(names = "--file", paramLabel = "F", description = "Firmware file to install (default: firmware/build/<board>/fw.<ext>, else the one in this jar).")
        Path file;

        @Option(names = "--port", description = "The board's serial port once it runs (default: the first new /dev/ttyACM* or /dev/ttyUSB*).")
        String port;

        @Option(names = "--baud", defaultValue = "115200", description = "Line rate for device info (default: ${DEFAULT-VALUE}).")
        int baud;

        @Option(names = "--no-wait", description = "Do not wait for the serial port nor query the board.")
        boolean noWait;

        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "30", description = "How long to wait for the serial port (default: ${DEFAULT-VALUE}).")
        int waitSeconds;

        @Option(names = "--firmware-dir", description = "The repository's firmware/ folder (default: found next to the jar or above the working directory).")
        Path firmwareDirOption;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Boards.Board b = Boards.resolve(board);
            if (!b.hasDrive()) {
                throw SnnException.badInput("--board " + b.name() + ": this board has no USB drive to copy firmware to"
                        + (b.qemuMachine() == null ? "" : "; it runs under QEMU: qemu-system-arm -M " + b.qemuMachine()
                        + " -nographic -monitor none -serial pty -kernel fw.elf"));
            }
            if (waitSeconds < 0) {
                throw SnnException.badInput("--wait " + waitSeconds + ": must be 0 or more seconds");
            }
            // the file first: a board without firmware fails before anything is looked for or written
            String source;
            byte[] bytes;
            if (file != null) {
                if (!Files.isRegularFile(file)) {
                    throw SnnException.badInput("--file " + file + ": no such file");
                }
                String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                if (!name.endsWith("." + b.format().ext())) {
                    throw SnnException.badInput("--file " + file + ": " + b.name() + "'s " + b.programmer() + " takes a ."
                            + b.format().ext() + " file");
                }
                bytes = Files.readAllBytes(file);
                source = file.toString();
            } else {
                Path fw = firmwareDir(firmwareDirOption);
                Path built = FirmwareFiles.built(fw, b);
                byte[] jar = env.embedded.apply(b);
                if (built != null) {
                    bytes = Files.readAllBytes(built);
                    source = built.toString();
                } else if (jar != null) {
                    bytes = jar;
                    source = "jar:" + FirmwareFiles.resourceName(b);
                } else {
                    throw SnnException.badInput("no firmware file for board " + b.name() + ": this jar carries none (it was built"
                            + " without arm-none-eabi-gcc, or without a port for this board) and " + (fw == null ? "no firmware/ folder was found"
                            : fw.resolve("build").resolve(b.name()).resolve(b.fileName()) + " does not exist")
                            + "; run `snn firmware build --board " + b.name() + "` (or pass --file)");
                }
            }
            if (bytes.length == 0) {
                throw SnnException.badInput(source + ": empty firmware file");
            }
            Path target = pickDrive(b);
            if (env.readOnly.test(target)) {
                throw SnnException.badInput("--drive " + target + ": the drive is read-only; nothing written");
            }
            List<String> before = noWait ? List.of() : env.serialPorts.get();
            String name = "snn-" + b.name() + "." + b.format().ext();
            if (!common.quiet) {
                err.printf("copying %s (%d bytes) to %s%n", source, bytes.length, target.resolve(name));
                err.flush();
            }
            try {
                UsbDrives.write(target, name, bytes);
            } catch (IOException e) {
                throw SnnException.badInput(target + ": cannot write " + name + " (" + e.getMessage() + ")");
            }
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("board", b.name());
            j.put("drive", target.toString());
            j.put("file", target.resolve(name).toString());
            j.put("source", source);
            j.put("bytes", bytes.length);
            j.put("sha256", ImageWriter.hex(ImageWriter.sha256(bytes, 0, bytes.length)));
            if (noWait) {
                j.put("port", null);
                print(out, j, null);
                return 0;
            }
            String found = waitForPort(before, err);
            j.put("port", found);
            DeviceInfo info = deviceInfo(found, err);
            print(out, j, UploadResult.deviceJson(info));
            return 0;
        }

        private void print(PrintWriter out, Map<String, Object> j, Map<String, Object> device) {
            if (common.json) {
                if (device != null) {
                    j.put("device", device);
                }
                out.println(Json.pretty(j));
            } else {
                out.printf("%s: %s (%d bytes) written to %s%n", j.get("board"), j.get("source"), j.get("bytes"), j.get("file"));
                if (device != null) {
                    out.println("port: " + j.get("port"));
                    device.forEach((k, v) -> out.println(k + ": " + (v == null ? "-" : v)));
                }
            }
            out.flush();
        }

        /** The drive to write: --drive (checked to be this board's), else the one drive found for this board. */
        private Path pickDrive(Boards.Board b) {
            if (drive != null) {
                if (!Files.exists(drive)) {
                    throw SnnException.badInput("--drive " + drive + ": no such drive (is the board plugged in and mounted?)");
                }
                if (!Files.isDirectory(drive)) {
                    throw SnnException.badInput("--drive " + drive + ": not a folder (expected the mount point of the "
                            + b.driveLabel() + " drive)");
                }
                UsbDrives.Found f = UsbDrives.identify(drive);
                if (f.board() != null && !f.board().equals(b)) {
                    throw SnnException.badInput("--drive " + drive + ": that is the " + f.board().driveLabel() + " drive of a "
                            + f.board().name() + " (" + f.board().programmer() + ", by " + f.why() + "), not the "
                            + b.driveLabel() + " drive of a " + b.name());
                }
                return drive;
            }
            List<Path> roots = env.mountRoots.get();
            List<UsbDrives.Found> all = UsbDrives.scan(roots);
            List<UsbDrives.Found> mine = all.stream().filter(f -> f.board().equals(b)).toList();
            if (mine.size() == 1) {
                return mine.get(0).path();
            }
            if (mine.size() > 1) {
                throw SnnException.badInput("more than one " + b.driveLabel() + " drive: "
                        + String.join(", ", mine.stream().map(f -> f.path().toString()).toList()) + "; pick one with --drive");
            }
            String searched = "looked for a drive labelled " + b.driveLabel() + " or holding " + String.join(" or ", b.markerFiles())
                    + " under " + String.join(", ", roots.stream().map(Path::toString).toList());
            if (!all.isEmpty()) {
                throw SnnException.badInput("no " + b.driveLabel() + " drive of a " + b.name() + " found, but "
                        + String.join(", ", all.stream().map(f -> f.label() + " (" + f.board().name() + ", " + f.board().programmer()
                                + ") at " + f.path()).toList()) + "; " + searched);
            }
            throw SnnException.badInput("no " + b.driveLabel() + " drive found (" + b.programmer() + "): " + searched
                    + (b.name().equals("pico") ? "; hold BOOTSEL while plugging the Pico in" : "")
                    + "; plug the board in or pass --drive");
        }

        private boolean present(String p, List<String> now) {
            if (now.contains(p) || p.equals(Links.SIM) || p.startsWith("tcp://")) {
                return true;
            }
            try {
                return Files.exists(Path.of(p));
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** The board's serial port: --port once present, else the first port that was not there before the copy. */
        private String waitForPort(List<String> before, PrintWriter err) throws InterruptedException {
            long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
            long lastSecond = -1;
            long t0 = System.nanoTime();
            while (true) {
                List<String> now = env.serialPorts.get();
                if (port != null) {
                    if (present(port, now)) {
                        return port;
                    }
                } else {
                    for (String p : now) {
                        if (!before.contains(p)) {
                            return p;
                        }
                    }
                }
                if (System.nanoTime() >= deadline) {
                    throw SnnException.checkFailed("firmware written, but " + (port != null ? port + " did not appear"
                            : "no new serial port appeared (had: " + (before.isEmpty() ? "none" : String.join(", ", before)) + ")")
                            + " within " + waitSeconds + " s; pass --port, or --no-wait and run snn device info --port P");
                }
                long s = (System.nanoTime() - t0) / 1_000_000_000L;
                if (s != lastSecond && !common.quiet) {
                    err.printf("waiting for the %s's serial port%s ... %d/%d s%n", board, port == null ? "" : " " + port, s, waitSeconds);
                    err.flush();
                    lastSecond = s;
                }
                Thread.sleep(env.pollMillis);
            }
        }

        /** {@code snn device info} on the port, retried while the board finishes booting. */
        private DeviceInfo deviceInfo(String p, PrintWriter err) throws InterruptedException {
            long deadline = System.nanoTime() + Math.max(5, waitSeconds) * 1_000_000_000L;
            String last;
            while (true) {
                try (DeviceClient c = new DeviceClient(Links.connector(p, baud).open(), null)) {
                    return c.hello();
                } catch (IOException | snn.deploy.link.PortUnavailable e) { // still booting or re-enumerating
                    last = e.getMessage();
                }
                if (System.nanoTime() >= deadline) {
                    throw SnnException.checkFailed("firmware written; " + p + ": no answer from the device (" + last + ")");
                }
                Thread.sleep(env.pollMillis);
            }
        }
    }
}
