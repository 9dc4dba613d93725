package snn.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import snn.support.Json;

/**
 * {@code snn firmware list|build|install} through picocli with fake USB drives: folders under a
 * temporary mount root that carry the programmers' marker files. The mount roots, the serial-port
 * finder, the read-only check, the jar's prebuilt files and PATH are injected ({@link FirmwareCommand.Env}).
 */
class FirmwareCommandTest {
    @TempDir
    Path tmp;

    private Path media;
    private String out;
    private String err;
    private final Map<String, byte[]> jar = new TreeMap<>();

    @BeforeEach
    void fakeMachine() throws IOException {
        media = Files.createDirectories(tmp.resolve("media/user"));
        Path fw = Files.createDirectories(tmp.resolve("repo/firmware/ports"));
        Files.writeString(fw.resolveSibling("Makefile"), "# not the real one\n");
        FirmwareCommand.Env e = new FirmwareCommand.Env();
        e.mountRoots = () -> List.of(media, tmp.resolve("media/nobody"));
        e.serialPorts = List::of;
        e.readOnly = p -> false;
        e.embedded = b -> jar.get(b.name());
        e.firmwareDir = fw.getParent();
        e.pollMillis = 20;
        FirmwareCommand.env = e;
    }

    @AfterEach
    void realMachine() {
        FirmwareCommand.env = new FirmwareCommand.Env();
    }

    private int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    // ---- fake drives, as their programmers show them ----

    private Path microbitDrive(String name) throws IOException {
        Path d = Files.createDirectories(media.resolve(name));
        Files.writeString(d.resolve("DETAILS.TXT"), "# DAPLink Firmware - see https://mbed.com/daplink\r\nUnique ID: 9904360251974e450019700f0000002b000000009796990b\r\n"
                + "HIC ID: 9796990b\r\nInterface Version: 0253\r\n");
        Files.writeString(d.resolve("MICROBIT.HTM"), "<html><head><meta http-equiv=\"refresh\" content=\"0; url=https://microbit.org/device/?id=9904\"/></head></html>\r\n");
        return d;
    }

    private Path picoDrive(String name) throws IOException {
        Path d = Files.createDirectories(media.resolve(name));
        Files.writeString(d.resolve("INFO_UF2.TXT"), "UF2 Bootloader v3.0\r\nModel: Raspberry Pi RP2\r\nBoard-ID: RPI-RP2\r\n");
        Files.writeString(d.resolve("INDEX.HTM"), "<html><head><meta http-equiv=\"refresh\" content=\"0;URL='https://raspberrypi.com/device/RP2?version=E0C9125B0D9B'\"/></head></html>\r\n");
        return d;
    }

    private Path nucleoDrive(String name) throws IOException {
        Path d = Files.createDirectories(media.resolve(name));
        Files.writeString(d.resolve("DETAILS.TXT"), "Version: V2J28M18\r\nBuild:   Jun 16 2017 13:59:53\r\n");
        Files.writeString(d.resolve("MBED.HTM"), "<!-- mbed Microcontroller Website and Authentication Shortcut -->\r\n");
        return d;
    }

    /** Every file under {@code dir} with its SHA-256 and size, to compare before and after. */
    private static Map<String, String> listing(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String rel = dir.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    m.put(rel + "/", "dir");
                } else {
                    byte[] b = Files.readAllBytes(p);
                    m.put(rel, b.length + " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
                }
            }
        }
        return m;
    }

    private static byte[] hexFile() {
        return FirmwareFormats.toHex(FirmwareFormats.vectors(0x20004000L, 0, 48), 0).getBytes(StandardCharsets.US_ASCII);
    }

    // ---- install: the file lands, nothing else changes ----

    @Test
    void installCopiesTheFileOntoTheMicrobitDriveAndTouchesNothingElse() throws Exception {
        Path drive = microbitDrive("MICROBIT");
        picoDrive("RPI-RP2"); // another board plugged in at the same time: left alone
        Path f = Files.write(tmp.resolve("my.hex"), hexFile());
        Map<String, String> before = listing(media);
        assertEquals(0, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait", "--json"), err);
        Map<String, Object> j = Json.parseObject(out);
        Path landed = drive.resolve("snn-microbit.hex");
        assertEquals(landed.toString(), j.get("file"));
        assertEquals(drive.toString(), j.get("drive"));
        assertArrayEquals(Files.readAllBytes(f), Files.readAllBytes(landed), "byte-identical");
        Map<String, String> after = listing(media);
        assertEquals(after.remove("MICROBIT/snn-microbit.hex").split(" ")[1], String.valueOf(j.get("sha256")));
        assertEquals(before, after, "nothing else on the drives changed");
        assertNull(j.get("port"));
    }

    @Test
    void picoDriveFoundByItsMarkerFileTakesTheJarsUf2ThenTheNewSerialPortAnswers() throws Exception {
        Path drive = picoDrive("disk"); // mounted under another name: recognised by INFO_UF2.TXT
        byte[] code = new byte[600];
        System.arraycopy(FirmwareFormats.vectors(0x20042000L, 0x10000000L, 16), 0, code, 0x100, 64);
        jar.put("pico", FirmwareFormats.toUf2(code, 0x10000000L, FirmwareFormats.RP2040_FAMILY));
        Map<String, String> before = listing(media);
        AtomicInteger polls = new AtomicInteger();
        // /dev/ttyS0 is there all along; once the copy is done and a few polls later the board's port appears.
        // The port is the in-process emulated board ("sim"), so that device info gets a real answer.
        FirmwareCommand.env.serialPorts = () -> polls.getAndIncrement() < 3 ? List.of("/dev/ttyS0") : List.of("/dev/ttyS0", "sim");
        assertEquals(0, run("firmware", "install", "--board", "pico", "--json", "--wait", "10"), err);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals("jar:firmware/pico/fw.uf2", j.get("source"));
        assertArrayEquals(jar.get("pico"), Files.readAllBytes(drive.resolve("snn-pico.uf2")));
        assertEquals("sim", j.get("port"));
        @SuppressWarnings("unchecked")
        Map<String, Object> device = (Map<String, Object>) j.get("device");
        assertTrue(device != null && device.containsKey("profile"), out);
        assertTrue(err.contains("waiting for the pico's serial port"), err);
        Map<String, String> after = listing(media);
        after.remove("disk/snn-pico.uf2");
        assertEquals(before, after);
    }

    @Test
    void nucleoByLabelWithAGivenPortAndTheBuiltFile() throws Exception {
        Path drive = nucleoDrive("NODE_F411RE");
        Path built = Files.createDirectories(tmp.resolve("repo/firmware/build/nucleo-f411re")).resolve("fw.bin");
        Files.write(built, FirmwareFormats.vectors(0x20020000L, 0x08000000L, 64));
        jar.put("nucleo-f411re", new byte[] {1, 2, 3}); // the built one wins over the jar's
        assertEquals(0, run("firmware", "install", "--board", "nucleo-f411re", "--port", "sim"), err);
        assertArrayEquals(Files.readAllBytes(built), Files.readAllBytes(drive.resolve("snn-nucleo-f411re.bin")));
        assertTrue(out.contains("port: sim") && out.contains("written to " + drive.resolve("snn-nucleo-f411re.bin")), out);
    }

    @Test
    void theJarsOwnMicrobitHexLandsByteIdentical() throws Exception {
        byte[] real = FirmwareFiles.embedded(Boards.resolve("microbit"));
        org.junit.jupiter.api.Assumptions.assumeTrue(real != null,
                "this build's jar carries no firmware/microbit/fw.hex (no arm-none-eabi-gcc, or no microbit port on this branch)");
        FirmwareCommand.env.embedded = FirmwareFiles::embedded;
        Path drive = microbitDrive("MICROBIT");
        Map<String, String> before = listing(drive);
        assertEquals(0, run("firmware", "install", "--board", "microbit", "--no-wait", "--json"), err);
        assertArrayEquals(real, Files.readAllBytes(drive.resolve("snn-microbit.hex")));
        FirmwareFormats.checkVectors(FirmwareFormats.parseHex(new String(real, StandardCharsets.US_ASCII)), 0,
                FirmwareFormatsTest.NRF51_FLASH, FirmwareFormatsTest.NRF51_RAM);
        Map<String, String> after = listing(drive);
        after.remove("snn-microbit.hex");
        assertEquals(before, after);
    }

    // ---- install: refused ----

    @Test
    void theDriveOfAnotherBoardIsRefused() throws Exception {
        Path rp2 = picoDrive("RPI-RP2");
        Path f = Files.write(tmp.resolve("my.hex"), hexFile());
        Map<String, String> before = listing(media);
        Map<String, String> rp2Before = listing(rp2);
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait"));
        assertTrue(err.contains("RPI-RP2 (pico, RP2040 boot ROM) at " + rp2) && err.contains("no MICROBIT drive"), err);
        assertEquals(before, listing(media));
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait", "--drive", rp2.toString()));
        assertTrue(err.contains("--drive " + rp2 + ": that is the RPI-RP2 drive of a pico") && err.contains("not the MICROBIT drive"), err);
        Path st = nucleoDrive("stlink"); // by marker files only
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait", "--drive", st.toString()));
        assertTrue(err.contains("nucleo-f411re") && err.contains("DETAILS.TXT (ST-LINK)"), err);
        assertEquals(rp2Before, listing(rp2), "nothing written");
        assertEquals(List.of("DETAILS.TXT", "MBED.HTM"), listing(st).keySet().stream().filter(k -> !k.endsWith("/")).toList());
    }

    @Test
    void noDriveIsRefusedNamingWhatWasSearchedWhere() throws Exception {
        Path f = Files.write(tmp.resolve("my.hex"), hexFile());
        Files.createDirectories(media.resolve("USBSTICK")).resolve("notes.txt");
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait"));
        assertTrue(err.contains("no MICROBIT drive found (DAPLink)") && err.contains("labelled MICROBIT or holding DETAILS.TXT")
                && err.contains(media.toString()) && err.contains(tmp.resolve("media/nobody").toString()), err);
        assertEquals(2, run("firmware", "install", "--board", "pico", "--file", tmp.resolve("x.uf2").toString(), "--no-wait"));
        assertTrue(err.contains("--file") && err.contains("no such file"), err);
        Files.write(tmp.resolve("x.uf2"), new byte[512]);
        assertEquals(2, run("firmware", "install", "--board", "pico", "--file", tmp.resolve("x.uf2").toString(), "--no-wait"));
        assertTrue(err.contains("RPI-RP2") && err.contains("INFO_UF2.TXT") && err.contains("BOOTSEL"), err);
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait",
                "--drive", tmp.resolve("media/gone").toString()));
        assertTrue(err.contains("no such drive"), err);
    }

    @Test
    void aReadOnlyDriveIsRefused() throws Exception {
        Path drive = microbitDrive("MICROBIT");
        Path f = Files.write(tmp.resolve("my.hex"), hexFile());
        Map<String, String> before = listing(media);
        // root ignores permission bits, so the read-only check is injected: as FileStore.isReadOnly() would answer
        FirmwareCommand.env.readOnly = p -> p.equals(drive);
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait"));
        assertTrue(err.contains(drive + ": the drive is read-only; nothing written"), err);
        assertEquals(before, listing(media));
        // a path that is a file, not a mounted folder
        Path file = Files.writeString(tmp.resolve("MICROBIT"), "x");
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--no-wait", "--drive", file.toString()));
        assertTrue(err.contains("not a folder"), err);
        // the real check: a writable temporary folder is not read-only
        assertFalse(FirmwareCommand.Env.systemReadOnly(tmp));
    }

    @Test
    void aBoardWithoutFirmwareFileSaysHowToBuildOne() throws Exception {
        microbitDrive("MICROBIT");
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--no-wait"));
        assertTrue(err.contains("no firmware file for board microbit") && err.contains("snn firmware build --board microbit"), err);
        assertEquals(2, run("firmware", "install", "--board", "microbit", "--no-wait", "--file", Files.write(tmp.resolve("fw.bin"), new byte[8]).toString()));
        assertTrue(err.contains("takes a .hex file"), err);
        assertEquals(2, run("firmware", "install", "--board", "mps2-an385", "--no-wait"));
        assertTrue(err.contains("has no USB drive") && err.contains("qemu-system-arm -M mps2-an385"), err);
        assertEquals(2, run("firmware", "install", "--board", "uno", "--no-wait"));
        assertTrue(err.contains("--board uno: no such board") && err.contains("microbit"), err);
        assertEquals(List.of("DETAILS.TXT", "MICROBIT.HTM"), listing(media.resolve("MICROBIT")).keySet().stream().filter(k -> !k.endsWith("/")).toList());
    }

    @Test
    void noNewSerialPortWithinTheWaitIsACheckFailure() throws Exception {
        microbitDrive("MICROBIT");
        Path f = Files.write(tmp.resolve("my.hex"), hexFile());
        FirmwareCommand.env.serialPorts = () -> List.of("/dev/ttyACM0");
        assertEquals(1, run("firmware", "install", "--board", "microbit", "--file", f.toString(), "--wait", "1"));
        assertTrue(err.contains("no new serial port appeared (had: /dev/ttyACM0) within 1 s"), err);
    }

    // ---- list and build ----

    @Test
    void listShowsEveryBoard() throws Exception {
        jar.put("microbit", hexFile());
        Path built = Files.createDirectories(tmp.resolve("repo/firmware/build/pico")).resolve("fw.uf2");
        Files.write(built, new byte[512]);
        assertEquals(0, run("firmware", "list", "--json"), err);
        Map<String, Object> j = Json.parseObject(out);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> boards = (List<Map<String, Object>>) j.get("boards");
        List<String> names = new ArrayList<>();
        boards.forEach(b -> names.add((String) b.get("board")));
        assertEquals(List.of("mps2-an385", "mps2-an386", "mps2-an500", "mps2-an505", "mps3-an547", "microbit", "nucleo-f411re", "nucleo-f411re-qemu", "pico", "pico-rp2040js"), names);
        Map<String, Object> mb = boards.get(5);
        assertEquals("hex", mb.get("format"));
        assertEquals("microbit", mb.get("qemu_machine"));
        assertEquals(true, mb.get("in_jar"));
        assertEquals("bin", boards.get(6).get("format"));
        assertNull(boards.get(6).get("qemu_machine"));
        assertEquals("netduinoplus2", boards.get(7).get("qemu_machine"));
        assertEquals(built.toString(), boards.get(8).get("built"));
        assertEquals("elf", boards.get(0).get("format"));
        assertEquals(0, run("firmware", "list"), err);
        assertTrue(out.lines().anyMatch(l -> l.matches("nucleo-f411re\\s+cortex-m4\\s+-\\s+bin\\s+-")), out);
        assertTrue(out.lines().anyMatch(l -> l.matches("microbit\\s+cortex-m0\\s+microbit\\s+hex\\s+jar")), out);
    }

    @Test
    void buildWithoutTheCrossCompilerSaysHowToGetIt() {
        FirmwareCommand.env.onPath = t -> !t.equals("arm-none-eabi-gcc");
        assertEquals(2, run("firmware", "build", "--board", "microbit"));
        assertTrue(err.contains("no arm-none-eabi-gcc on PATH") && err.contains("apt-get install gcc-arm-none-eabi libnewlib-arm-none-eabi")
                && err.contains("Arm GNU Toolchain"), err);
        assertEquals(2, run("firmware", "build", "--board", "nosuch"));
    }

    @Test
    void buildRunsMakeAndReportsTheFiles() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(FirmwareFiles.onPath("make") && FirmwareFiles.onPath("arm-none-eabi-gcc"),
                "no make or arm-none-eabi-gcc on PATH: the real build is not run");
        FirmwareCommand.env.firmwareDir = null; // the repository's firmware/
        Path outDir = tmp.resolve("fwbuild");
        assertEquals(0, run("firmware", "build", "--board", "mps2-an385", "--out", outDir.toString(), "--json", "-q"), err);
        Map<String, Object> j = Json.parseObject(out);
        assertEquals(outDir.resolve("mps2-an385/fw.elf").toString(), j.get("firmware_file"));
        FirmwareFormats.Image img = FirmwareFormats.parseElf(Files.readAllBytes(outDir.resolve("mps2-an385/fw.elf")));
        FirmwareFormats.checkVectors(img, img.lowest(), new FirmwareFormats.Range(0, 0x400000), FirmwareFormatsTest.SRAM_REGION);
    }
}
