package snn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import snn.cli.FirmwareFormats.Image;
import snn.cli.FirmwareFormats.Range;

/**
 * The firmware files the jar carries (built by the cli module's PrebuiltFirmware step when
 * arm-none-eabi-gcc is there), read with {@link FirmwareFormats}' own parsers: Intel HEX for the
 * micro:bit, a raw binary for the Nucleo, UF2 for the Pico, ELF for the QEMU boards; in each the
 * vector table points into flash. Boards without a file are skipped with the reason. The parsers
 * themselves are checked on hand-made good and bad inputs, so that this class can fail without the
 * toolchain.
 */
class FirmwareFormatsTest {
    static final Range NRF51_FLASH = new Range(0, 0x40000);
    static final Range NRF51_RAM = new Range(0x20000000L, 0x20004000L);
    static final Range F411_FLASH = new Range(0x08000000L, 0x08080000L);
    static final Range F411_RAM = new Range(0x20000000L, 0x20020000L);
    static final Range RP2040_FLASH = new Range(0x10000000L, 0x11000000L);
    static final Range RP2040_RAM = new Range(0x20000000L, 0x20042000L);
    static final Range SRAM_REGION = new Range(0x20000000L, 0x40000000L);

    // ---- the real files ----

    @TestFactory
    Stream<DynamicTest> everyBoardsFirmwareFileParses() {
        return Boards.ALL.stream().map(b -> DynamicTest.dynamicTest(b.name() + " " + b.fileName(), () -> {
            byte[] f = FirmwareFiles.embedded(b);
            assumeTrue(f != null, () -> FirmwareFiles.onPath("arm-none-eabi-gcc")
                    ? "no " + b.fileName() + " for " + b.name() + " in the jar: `make -C firmware boards` has no such port on this branch"
                    + " (firmware/ports/" + b.name() + ") or it failed to build (see the cli module's build log)"
                    : "no arm-none-eabi-gcc on PATH at build time, so the jar carries no prebuilt firmware ("
                    + FirmwareFiles.TOOLCHAIN_HINT + ")");
            long reset = switch (b.format()) {
                case HEX -> {
                    Image img = FirmwareFormats.parseHex(FirmwareFormats.ascii(f));
                    assertEquals(0, img.lowest(), "the nRF51's vector table is at 0");
                    yield FirmwareFormats.checkVectors(img, 0, NRF51_FLASH, NRF51_RAM);
                }
                case BIN -> b.core().equals("cortex-m0plus") // an RP2040 image: boot2, then the vector table
                        ? FirmwareFormats.checkVectors(FirmwareFormats.parseBin(f, RP2040_FLASH.start()), RP2040_FLASH.start() + 0x100,
                                RP2040_FLASH, RP2040_RAM)
                        : FirmwareFormats.checkVectors(FirmwareFormats.parseBin(f, F411_FLASH.start()), F411_FLASH.start(),
                                F411_FLASH, F411_RAM);
                case UF2 -> {
                    Image img = FirmwareFormats.parseUf2(f, FirmwareFormats.RP2040_FAMILY, RP2040_FLASH);
                    assertEquals(RP2040_FLASH.start(), img.lowest(), "the image starts at the start of flash (boot2)");
                    // 256 bytes of second-stage boot loader, then the vector table
                    yield FirmwareFormats.checkVectors(img, RP2040_FLASH.start() + 0x100, RP2040_FLASH, RP2040_RAM);
                }
                case ELF -> {
                    Image img = FirmwareFormats.parseElf(f);
                    long lo = img.lowest();
                    yield FirmwareFormats.checkVectors(img, lo, new Range(lo, lo + 0x400000), SRAM_REGION);
                }
            };
            assertTrue(reset != 0);
        }));
    }

    // ---- the parsers on hand-made files ----

    @Test
    void intelHexRecordsChecksumsAndAddresses() {
        byte[] data = FirmwareFormats.vectors(0x20004000L, 0, 16);
        String hex = FirmwareFormats.toHex(data, 0);
        Image img = FirmwareFormats.parseHex(hex);
        assertEquals(64, img.bytes.size());
        assertEquals(0x20004000L, img.word(0));
        assertEquals(0x20004000L, FirmwareFormats.checkVectors(img, 0, NRF51_FLASH, NRF51_RAM) == 0 ? 0 : img.word(0));
        // type 02 (segment) and 05 (start address) records
        String seg = FirmwareFormats.record(0, 2, new byte[] {0x10, 0x00}) + FirmwareFormats.record(0x10, 0, new byte[] {1, 2})
                + FirmwareFormats.record(0, 5, new byte[] {0, 0, 0x01, 0x23}) + ":00000001FF\n";
        Image s = FirmwareFormats.parseHex(seg);
        assertEquals((byte) 1, s.bytes.get(0x10010L));
        assertEquals(0x123L, s.startAddress);
        // a linear address above 64 KiB
        Image hi = FirmwareFormats.parseHex(FirmwareFormats.toHex(new byte[] {7, 8, 9}, 0x0801FFFEL));
        assertEquals((byte) 9, hi.bytes.get(0x08020000L));
        // the checks
        String badSum = hex.replaceFirst("(?m)^(:10000000.{32})(..)$", "$100");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseHex(badSum)).getMessage().contains("checksum"));
        String noEof = hex.replace(":00000001FF\n", "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseHex(noEof)).getMessage().contains("end-of-file"));
        String afterEof = hex + FirmwareFormats.record(0x100, 0, new byte[] {1});
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseHex(afterEof)).getMessage().contains("after"));
        String badType = FirmwareFormats.record(0, 6, new byte[] {1}) + ":00000001FF\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseHex(badType)).getMessage().contains("type 6"));
        String shortRec = ":0400000001020304F0\n:00000001FF\n".replace(":04000000", ":05000000");
        assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseHex(shortRec));
        String twice = FirmwareFormats.record(0, 0, new byte[] {1}) + FirmwareFormats.record(0, 0, new byte[] {2}) + ":00000001FF\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseHex(twice)).getMessage().contains("twice"));
    }

    @Test
    void binVectorTable() {
        long base = F411_FLASH.start();
        byte[] good = FirmwareFormats.vectors(0x20020000L, base, 16);
        assertEquals(base + 0x100 + 3, FirmwareFormats.checkVectors(FirmwareFormats.parseBin(good, base), base, F411_FLASH, F411_RAM));
        byte[] even = good.clone();
        ByteBuffer.wrap(even).order(ByteOrder.LITTLE_ENDIAN).putInt(4, (int) (base + 0x200));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.checkVectors(
                FirmwareFormats.parseBin(even, base), base, F411_FLASH, F411_RAM)).getMessage().contains("Thumb"));
        byte[] outside = FirmwareFormats.vectors(0x20020000L, 0, 16); // linked at 0, not 0x08000000
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.checkVectors(
                FirmwareFormats.parseBin(outside, base), base, F411_FLASH, F411_RAM)).getMessage().contains("outside flash"));
        byte[] spInFlash = FirmwareFormats.vectors(base + 0x1000, base, 16);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.checkVectors(
                FirmwareFormats.parseBin(spInFlash, base), base, F411_FLASH, F411_RAM)).getMessage().contains("SP"));
        byte[] badHandler = good.clone();
        ByteBuffer.wrap(badHandler).order(ByteOrder.LITTLE_ENDIAN).putInt(4 * 3, 0x20000001); // HardFault in RAM
        assertTrue(assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.checkVectors(
                FirmwareFormats.parseBin(badHandler, base), base, F411_FLASH, F411_RAM)).getMessage().contains("vector 3"));
        assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseBin(new byte[4], base));
    }

    @Test
    void uf2Blocks() {
        byte[] code = new byte[1000];
        System.arraycopy(FirmwareFormats.vectors(0x20042000L, RP2040_FLASH.start(), 16), 0, code, 0x100, 64);
        byte[] uf2 = FirmwareFormats.toUf2(code, RP2040_FLASH.start(), FirmwareFormats.RP2040_FAMILY);
        assertEquals(4 * 512, uf2.length);
        Image img = FirmwareFormats.parseUf2(uf2, FirmwareFormats.RP2040_FAMILY, RP2040_FLASH);
        assertEquals(1024, img.bytes.size());
        FirmwareFormats.checkVectors(img, RP2040_FLASH.start() + 0x100, RP2040_FLASH, RP2040_RAM);

        Map<String, java.util.function.Consumer<ByteBuffer>> breakages = Map.of(
                "start magics", b -> b.putInt(512 + 4, 0),
                "end magic", b -> b.putInt(512 + 508, 0),
                "flags", b -> b.putInt(512 + 8, 0),
                "family", b -> b.putInt(512 + 28, 0x1234),
                "payload", b -> b.putInt(512 + 16, 476),
                "numbered", b -> b.putInt(512 + 20, 5),
                "outside flash", b -> b.putInt(12, 0x20000000),
                "contiguous", b -> b.putInt(1024 + 12, (int) (RP2040_FLASH.start() + 0x400)));
        breakages.forEach((what, breakIt) -> {
            byte[] bad = uf2.clone();
            breakIt.accept(ByteBuffer.wrap(bad).order(ByteOrder.LITTLE_ENDIAN));
            String msg = assertThrows(IllegalArgumentException.class,
                    () -> FirmwareFormats.parseUf2(bad, FirmwareFormats.RP2040_FAMILY, RP2040_FLASH), what).getMessage();
            assertTrue(msg.contains(what), what + ": " + msg);
        });
        byte[] total = uf2.clone();
        ByteBuffer.wrap(total).order(ByteOrder.LITTLE_ENDIAN).putInt(512 * 3 + 24, 3);
        assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseUf2(total, FirmwareFormats.RP2040_FAMILY, RP2040_FLASH));
        assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseUf2(new byte[700], FirmwareFormats.RP2040_FAMILY, RP2040_FLASH));
    }

    @Test
    void elfSegmentsFromAHandMadeFile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        byte[] vec = FirmwareFormats.vectors(0x20400000L, 0, 16);
        ByteBuffer b = ByteBuffer.allocate(52 + 32 + vec.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x464C457F).put(4, (byte) 1).put(5, (byte) 1).put(6, (byte) 1);
        b.putShort(16, (short) 2).putShort(18, (short) 40).putInt(28, 52).putShort(42, (short) 32).putShort(44, (short) 1);
        b.putInt(52, 1).putInt(56, 84).putInt(60, 0).putInt(64, 0).putInt(68, vec.length).putInt(72, vec.length);
        b.position(84);
        b.put(vec);
        Image img = FirmwareFormats.parseElf(b.array());
        FirmwareFormats.checkVectors(img, 0, new Range(0, 0x400000), SRAM_REGION);
        byte[] notArm = b.array().clone();
        notArm[18] = 3;
        assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseElf(notArm));
        assertThrows(IllegalArgumentException.class, () -> FirmwareFormats.parseElf(Files.readAllBytes(
                Files.writeString(tmp.resolve("x"), "not an elf"))));
    }
}
