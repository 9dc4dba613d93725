package snn.cli;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import snn.support.SnnException;

/**
 * The boards {@code firmware/} builds for (its {@code ports/<board>/board.mk}), with what the host
 * side needs to know about each: the core, the QEMU machine that runs it (or none), the file its
 * programmer takes, and the USB drive the programmer shows (volume label and marker files).
 */
public final class Boards {
    /** Firmware file formats: the file {@code make BOARD=b firmware} writes as {@code fw.<ext>}. */
    public enum Format {
        ELF, HEX, BIN, UF2;

        public String ext() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One board. {@code qemuMachine} is null when QEMU cannot run it; {@code driveLabel} is null when
     * the board has no drag-and-drop drive; {@code markerFiles} are files that drive carries at its root.
     */
    public record Board(String name, String core, String qemuMachine, Format format, String driveLabel,
                        List<String> markerFiles, String programmer) {
        public String fileName() {
            return "fw." + format.ext();
        }

        public boolean hasDrive() {
            return driveLabel != null;
        }
    }

    /** Every board, in the order {@code snn firmware list} shows them. */
    public static final List<Board> ALL = List.of(
            new Board("mps2-an385", "cortex-m3", "mps2-an385", Format.ELF, null, List.of(), null),
            new Board("mps2-an386", "cortex-m4", "mps2-an386", Format.ELF, null, List.of(), null),
            new Board("mps2-an500", "cortex-m7", "mps2-an500", Format.ELF, null, List.of(), null),
            new Board("mps2-an505", "cortex-m33", "mps2-an505", Format.ELF, null, List.of(), null),
            new Board("mps3-an547", "cortex-m55", "mps3-an547", Format.ELF, null, List.of(), null),
            new Board("microbit", "cortex-m0", "microbit", Format.HEX, "MICROBIT", List.of("DETAILS.TXT"), "DAPLink"),
            new Board("nucleo-f411re", "cortex-m4", null, Format.BIN, "NODE_F411RE", List.of("DETAILS.TXT", "MBED.HTM"), "ST-LINK"),
            // the nucleo-f411re port built for QEMU's netduinoplus2 (STM32F405, same core; store in SRAM)
            new Board("nucleo-f411re-qemu", "cortex-m4", "netduinoplus2", Format.ELF, null, List.of(), null),
            new Board("pico", "cortex-m0plus", null, Format.UF2, "RPI-RP2", List.of("INFO_UF2.TXT"), "RP2040 boot ROM"),
            // the pico port built for the rp2040js emulator (store written through the XIP window)
            new Board("pico-rp2040js", "cortex-m0plus", null, Format.BIN, null, List.of(), null));

    private Boards() {
    }

    public static Optional<Board> find(String name) {
        return ALL.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    /** The board called {@code name}, or exit 2 naming the boards there are. */
    public static Board resolve(String name) {
        return find(name).orElseThrow(() -> SnnException.badInput("--board " + name + ": no such board; the boards are: "
                + String.join(", ", ALL.stream().map(Board::name).toList())));
    }

    /** The boards that have a drag-and-drop USB drive. */
    public static List<Board> withDrive() {
        return ALL.stream().filter(Board::hasDrive).toList();
    }
}
