package snn.fwtest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import snn.sim.golden.GoldenVectors;

/**
 * Finds the toolchains, runs {@code make -C firmware} with a time bound, and writes the golden
 * vectors once per test run. Builds go to {@code firmware-tests/target/fw-build}, never into the
 * source tree.
 */
final class FirmwareTools {
    /** What a finished command printed and how it ended. */
    record Run(int exit, String output) {
        boolean ok() {
            return exit == 0;
        }
    }

    static final Path MODULE = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    static final Path FIRMWARE = MODULE.resolveSibling("firmware");
    static final Path TARGET = MODULE.resolve("target");
    static final Path BUILD = TARGET.resolve("fw-build");
    private static Path golden;

    private FirmwareTools() {
    }

    /**
     * {@code -Dsnn.fw.noToolchain=true} makes every C tool look missing, so that the skipped-test
     * reporting can be checked on a machine that has them.
     */
    static final String NO_TOOLCHAIN = "snn.fw.noToolchain";

    /** One board of {@code make boards}: its name and QEMU machine (null when QEMU cannot run it). */
    record Board(String name, String qemuMachine) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** True when {@code tool} is an executable on PATH. */
    static boolean onPath(String tool) {
        if (Boolean.getBoolean(NO_TOOLCHAIN)) {
            return false;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String simulated() {
        return Boolean.getBoolean(NO_TOOLCHAIN) ? " (simulated with -D" + NO_TOOLCHAIN + "=true)" : "";
    }

    /** Why the host build cannot run here, or null when it can. */
    static String hostMissing() {
        return onPath("cc") && onPath("make") ? null : "no cc or make on PATH" + simulated() + ": host C firmware tests skipped";
    }

    /** Why the Cortex-M3 build cannot run here, or null when it can. */
    static String qemuMissing() {
        String host = hostMissing();
        if (host != null) {
            return host.replace("host C firmware tests skipped", "QEMU tests skipped");
        }
        if (!onPath("arm-none-eabi-gcc")) {
            return "no arm-none-eabi-gcc on PATH" + simulated() + " (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi): QEMU tests skipped";
        }
        return onPath("qemu-system-arm") ? null : "no qemu-system-arm on PATH (apt-get install qemu-system-arm): QEMU tests skipped";
    }

    /**
     * The boards {@code make boards} lists (ports/*&#47;board.mk), each with the QEMU_MACHINE its board.mk
     * sets. Without make: the same list read from the folder.
     */
    static synchronized List<Board> boards() throws IOException, InterruptedException {
        if (boards == null) {
            List<String> names = new ArrayList<>();
            Run r = Boolean.getBoolean(NO_TOOLCHAIN) || !onPathReally("make") ? null : make(60, "-s", "boards");
            if (r != null && r.ok()) {
                names.addAll(List.of(r.output().trim().split("\\s+")));
            } else {
                try (var s = Files.list(FIRMWARE.resolve("ports"))) {
                    s.filter(d -> Files.isRegularFile(d.resolve("board.mk"))).map(d -> d.getFileName().toString()).sorted()
                            .forEach(names::add);
                }
            }
            List<Board> out = new ArrayList<>();
            Pattern q = Pattern.compile("(?m)^\\s*QEMU_MACHINE\\s*:?=[ \\t]*(\\S*)");
            for (String n : names) {
                Matcher m = q.matcher(Files.readString(FIRMWARE.resolve("ports").resolve(n).resolve("board.mk")));
                out.add(new Board(n, m.find() && !m.group(1).isEmpty() ? m.group(1) : null));
            }
            boards = List.copyOf(out);
        }
        return boards;
    }

    private static List<Board> boards;

    private static boolean onPathReally(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    static Board board(String name) throws IOException, InterruptedException {
        return boards().stream().filter(b -> b.name().equals(name)).findFirst().orElse(null);
    }

    /** Why the rp2040js runs cannot happen here (they need make, the cross compiler, node and npm), or null. */
    static String rp2040jsMissing() {
        String host = hostMissing();
        if (host != null) {
            return host.replace("host C firmware tests skipped", "rp2040js tests skipped");
        }
        if (!onPath("arm-none-eabi-gcc")) {
            return "no arm-none-eabi-gcc on PATH" + simulated() + " (apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi): rp2040js tests skipped";
        }
        return onPath("node") && onPath("npm") ? null
                : "no node or npm on PATH" + simulated() + " (apt-get install nodejs npm): rp2040js tests skipped";
    }

    /** {@code make -C firmware BUILD=... args}, killed after {@code seconds}. */
    static Run make(long seconds, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("make", "--no-print-directory", "-C", FIRMWARE.toString(),
                "BUILD=" + BUILD));
        cmd.addAll(List.of(args));
        return run(seconds, cmd);
    }

    static Run run(long seconds, List<String> cmd) throws IOException, InterruptedException {
        Files.createDirectories(TARGET);
        Path log = Files.createTempFile(TARGET, "run", ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
        if (!done) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        return new Run(done ? p.exitValue() : -1, done ? out : out + "\n(killed after " + seconds + " s)");
    }

    /** The standard golden vectors (the same as {@code snn golden}'s defaults: seed 1, 24 random cases). */
    static synchronized Path golden() throws IOException {
        if (golden == null) {
            Path dir = TARGET.resolve("golden");
            Files.createDirectories(dir);
            GoldenVectors.write(dir, GoldenVectors.standardCases(1, 24));
            golden = dir;
        }
        return golden;
    }
}
