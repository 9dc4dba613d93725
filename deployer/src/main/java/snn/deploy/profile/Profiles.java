package snn.deploy.profile;

import static snn.deploy.profile.DeviceProfile.DEFAULT_FLASH_RESERVE;
import static snn.deploy.profile.DeviceProfile.DEFAULT_RAM_RESERVE;
import static snn.deploy.profile.DeviceProfile.KIB;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import snn.support.Json;
import snn.support.SnnException;

/**
 * The built-in boards, and user profiles read from a small file. A profile file is either JSON
 * ({@code .json}) or Java properties, with the same keys:
 * <pre>
 *   name=myboard
 *   flash_bytes=262144        (or flash_kib=256)
 *   ram_bytes=65536           (or ram_kib=64)
 *   clock_hz=50000000
 *   flash_reserve_bytes=36864 (optional, default 36 KiB)
 *   ram_reserve_bytes=16384   (optional, default 16 KiB)
 * </pre>
 */
public final class Profiles {
    private static final long MIB = 1024 * KIB;
    private static final Map<String, DeviceProfile> BUILT_IN = new LinkedHashMap<>();
    /** micro:bit: one slot of (256 KiB - 32 KiB firmware - 2 journal sectors of 4 KiB) / 2 = 110,592 bytes. */
    static final long MICROBIT_SLOT = (256 * KIB - 32 * KIB - 2 * 4 * KIB) / 2;
    static final long MICROBIT_FLASH_RESERVE = 256 * KIB - MICROBIT_SLOT;
    /** 16 KiB - protocol - loop state of 784 x 320 (firmware LIMITS): 2,608 bytes. */
    static final long MICROBIT_RAM_RESERVE = 16 * KIB - Footprint.PROTOCOL_RAM - Footprint.loopRamBytes(784, 320);

    static {
        add(new DeviceProfile("stm32f411", 512 * KIB, 128 * KIB, 100_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        add(new DeviceProfile("rp2040", 2 * MIB, 264 * KIB, 133_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        // ESP-IDF's bootloader, partition table and runtime take far more than a bare-metal Cortex-M build.
        add(new DeviceProfile("esp32", 4 * MIB, 520 * KIB, 240_000_000L, 1 * MIB, 128 * KIB));
        add(new DeviceProfile("lm3s6965", 256 * KIB, 64 * KIB, 50_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        add(new DeviceProfile("mps2-an385", 4 * MIB, 4 * MIB, 25_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        // The other QEMU MPS2/MPS3 boards of firmware/ports: same 4 MiB emulated flash and 4 MiB data RAM,
        // their own SysTick clocks (checked with make calib-qemu).
        add(new DeviceProfile("mps2-an386", 4 * MIB, 4 * MIB, 25_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        add(new DeviceProfile("mps2-an500", 4 * MIB, 4 * MIB, 25_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        add(new DeviceProfile("mps2-an505", 4 * MIB, 4 * MIB, 20_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        add(new DeviceProfile("mps3-an547", 4 * MIB, 4 * MIB, 32_000_000L, DEFAULT_FLASH_RESERVE, DEFAULT_RAM_RESERVE));
        // micro:bit (nRF51822, firmware/ports/microbit): the reserves make the quantizer refuse what the
        // firmware refuses. Flash: everything but one model slot, (256 - 32 - 2 * 4 KiB) / 2 = 110,592 bytes.
        // RAM: what the build (784 inputs, 320 neurons, 1.5 KiB stack) leaves besides the formula's terms,
        // so that 784 x 320 is the largest model that fits.
        add(new DeviceProfile("microbit", 256 * KIB, 16 * KIB, 16_000_000L, MICROBIT_FLASH_RESERVE, MICROBIT_RAM_RESERVE));
        // The C firmware's ports (firmware/ports/<name>, docs/porting.md). "fits" is exactly what the
        // firmware accepts: flash_reserve is the flash minus one model slot (DeviceInfo.slot_bytes), and
        // ram_reserve the RAM minus the protocol and loop buffers of its compile-time limits at 784 inputs
        // (SNN_MAX_INPUTS=784, SNN_MAX_NEURONS), so that maxNeurons at 784 inputs equals that limit.
        // nucleo-f411re: 512 KiB flash = firmware 32 KiB + journal 2 x 16 KiB + two 192 KiB slots
        // + 64 KiB unused; 1024 neurons.
        add(new DeviceProfile("nucleo-f411re", 512 * KIB, 128 * KIB, 100_000_000L, 512 * KIB - 192 * KIB,
                128 * KIB - Footprint.PROTOCOL_RAM - Footprint.loopRamBytes(784, 1024)));
        // pico (RP2040, W25Q16): 2 MiB flash = firmware 32 KiB + journal 2 x 4 KiB + two 1004 KiB slots;
        // 4096 neurons.
        add(new DeviceProfile("pico", 2 * MIB, 264 * KIB, 125_000_000L, 2 * MIB - 1004 * KIB,
                264 * KIB - Footprint.PROTOCOL_RAM - Footprint.loopRamBytes(784, 4096)));
    }

    private Profiles() {
    }

    private static void add(DeviceProfile p) {
        BUILT_IN.put(p.name(), p);
    }

    /** The board the emulator plays for a profile (the built-in default is {@link #DEFAULT_BOARD}). */
    public static snn.sim.board.BoardProfile board(DeviceProfile p) {
        if (p.flashBytes() > Integer.MAX_VALUE || p.ramBytes() > Integer.MAX_VALUE) {
            throw SnnException.badInput("profile " + p.name() + ": flash " + p.flashBytes() + " / RAM " + p.ramBytes()
                    + " bytes are more than an emulated board holds (2 GiB)");
        }
        return new snn.sim.board.BoardProfile(p.name(), (int) p.flashBytes(), (int) p.ramBytes());
    }

    /** The profile of the board that {@code snn emulate} and the {@code sim} port play by default. */
    public static final String DEFAULT_BOARD = "stm32f411";

    public static Map<String, DeviceProfile> builtIn() {
        return java.util.Collections.unmodifiableMap(BUILT_IN);
    }

    /**
     * The profile to use: the one in {@code file} when given (its name must match {@code name} when
     * both are given), else the built-in one called {@code name}.
     */
    public static DeviceProfile resolve(String name, Path file) throws IOException {
        if (file != null) {
            DeviceProfile p = read(file);
            if (name != null && !name.equals(p.name())) {
                throw SnnException.badInput(file + ": profile name is '" + p.name() + "' but --profile asks for '"
                        + name + "'");
            }
            return p;
        }
        if (name == null) {
            throw SnnException.badInput("no device profile: give --profile NAME (" + String.join(", ", BUILT_IN.keySet())
                    + ") or --profile-file FILE");
        }
        DeviceProfile p = BUILT_IN.get(name.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw SnnException.badInput("unknown profile '" + name + "'; built-in profiles: "
                    + String.join(", ", BUILT_IN.keySet()) + " (or use --profile-file)");
        }
        return p;
    }

    public static DeviceProfile read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> kv = new LinkedHashMap<>();
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            Map<String, Object> o;
            try {
                o = Json.parseObject(text);
            } catch (RuntimeException e) {
                throw SnnException.badInput(file + ": not a JSON object: " + e.getMessage());
            }
            if (o == null) {
                throw SnnException.badInput(file + ": empty profile file");
            }
            for (Map.Entry<String, Object> e : o.entrySet()) {
                Object v = e.getValue();
                kv.put(e.getKey(), v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue()) : String.valueOf(v));
            }
        } else {
            Properties p = new Properties();
            p.load(new StringReader(text));
            for (String k : p.stringPropertyNames()) {
                kv.put(k, p.getProperty(k).trim());
            }
        }
        String name = kv.get("name");
        if (name == null || name.isBlank()) {
            throw SnnException.badInput(file + ": field 'name' is missing");
        }
        long flash = size(file, kv, "flash");
        long ram = size(file, kv, "ram");
        long clock = number(file, kv, "clock_hz", 1, Long.MAX_VALUE, null);
        long flashReserve = number(file, kv, "flash_reserve_bytes", 0, flash, DEFAULT_FLASH_RESERVE);
        long ramReserve = number(file, kv, "ram_reserve_bytes", 0, ram, DEFAULT_RAM_RESERVE);
        return new DeviceProfile(name, flash, ram, clock, flashReserve, ramReserve);
    }

    private static long size(Path file, Map<String, String> kv, String what) {
        if (kv.containsKey(what + "_kib")) {
            return number(file, kv, what + "_kib", 1, 1L << 32, null) * KIB;
        }
        return number(file, kv, what + "_bytes", 1, 1L << 42, null);
    }

    private static long number(Path file, Map<String, String> kv, String key, long lo, long hi, Long dflt) {
        String v = kv.get(key);
        if (v == null) {
            if (dflt != null) {
                return dflt;
            }
            throw SnnException.badInput(file + ": field '" + key + "' is missing");
        }
        long x;
        try {
            x = Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw SnnException.badInput(file + ": field '" + key + "' is '" + v + "', expected an integer");
        }
        if (x < lo || x > hi) {
            throw SnnException.badInput(file + ": field '" + key + "' is " + x + ", expected " + lo + ".." + hi);
        }
        return x;
    }
}
