package snn.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build step of the cli module (exec-maven-plugin, process-classes): builds every board's firmware
 * with {@code make -C firmware BOARD=b firmware} and copies its programmer file into the classes as
 * {@code firmware/<board>/fw.<ext>}, so that snn.jar carries them. Without make or
 * arm-none-eabi-gcc on PATH it says so and copies nothing; a board that fails to build is reported
 * and left out. Never fails the Maven build.
 *
 * <p>Arguments: FIRMWARE_DIR BUILD_DIR CLASSES_DIR.
 */
public final class PrebuiltFirmware {
    private PrebuiltFirmware() {
    }

    public static void main(String[] args) throws Exception {
        Path firmware = Path.of(args[0]).toAbsolutePath().normalize();
        Path build = Path.of(args[1]).toAbsolutePath().normalize();
        Path classes = Path.of(args[2]).toAbsolutePath().normalize();
        String skip = "[snn] prebuilt firmware not put in the jar: ";
        if (Boolean.getBoolean("snn.firmware.skip")) {
            System.out.println(skip + "-Dsnn.firmware.skip=true");
            return;
        }
        if (!FirmwareFiles.onPath("make") || !FirmwareFiles.onPath("arm-none-eabi-gcc")) {
            System.out.println(skip + "no make or arm-none-eabi-gcc on PATH (" + FirmwareFiles.TOOLCHAIN_HINT + ")");
            return;
        }
        if (!Files.isRegularFile(firmware.resolve("Makefile"))) {
            System.out.println(skip + "no " + firmware.resolve("Makefile"));
            return;
        }
        String[] made = run(firmware, List.of("-s", "boards"));
        if (!"0".equals(made[0])) {
            System.out.println(skip + "make boards failed: " + made[1].strip());
            return;
        }
        List<String> built = new ArrayList<>();
        long t0 = System.nanoTime();
        for (String name : made[1].trim().split("\\s+")) {
            Boards.Board b = Boards.find(name).orElse(null);
            if (b == null) {
                System.out.println("[snn] board " + name + " is not in snn's board table (snn.cli.Boards): left out of the jar");
                continue;
            }
            String[] r = run(firmware, List.of("BOARD=" + name, "BUILD=" + build, "firmware"));
            Path f = build.resolve(name).resolve(b.fileName());
            if (!"0".equals(r[0]) || !Files.isRegularFile(f)) {
                String out = r[1];
                String[] lines = out.split("\n");
                System.out.println("[snn] WARNING: make BOARD=" + name + " firmware failed; left out of the jar:\n"
                        + String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 15), lines.length)));
                continue;
            }
            Path to = classes.resolve("firmware").resolve(name).resolve(b.fileName());
            Files.createDirectories(to.getParent());
            Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
            built.add(name + " (" + b.fileName() + ", " + Files.size(to) + " bytes)");
        }
        System.out.printf("[snn] prebuilt firmware in the jar: %s (%.1f s)%n", built.isEmpty() ? "none" : String.join(", ", built),
                (System.nanoTime() - t0) / 1e9);
    }

    /** {exit, output} of make -C firmware args (exit "timeout" when it ran too long). */
    private static String[] run(Path firmware, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("make", "--no-print-directory", "-j2", "-C", firmware.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new String[] {"timeout", new String(out, StandardCharsets.UTF_8)};
        }
        return new String[] {String.valueOf(p.exitValue()), new String(out, StandardCharsets.UTF_8)};
    }
}
