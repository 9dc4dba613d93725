package snn.sim.board;

import java.util.List;
import java.util.Locale;
import snn.util.SnnException;

/**
 * What the emulated board claims to be: name, flash and RAM. The flash layout derives from it
 * ({@link FlashLayout}). The built-in names match the quantizer's device profiles.
 */
public record BoardProfile(String name, int flashBytes, int ramBytes) {
    public static final List<BoardProfile> BUILT_IN = List.of(
            new BoardProfile("stm32f411", 512 << 10, 128 << 10),
            new BoardProfile("rp2040", 2 << 20, 264 << 10),
            new BoardProfile("esp32", 4 << 20, 520 << 10),
            new BoardProfile("lm3s6965", 256 << 10, 64 << 10),
            new BoardProfile("mps2-an385", 4 << 20, 4 << 20));

    public static final String DEFAULT = "stm32f411";

    public static BoardProfile named(String name) {
        for (BoardProfile p : BUILT_IN) {
            if (p.name.equals(name.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw SnnException.badInput("--profile " + name + ": unknown board profile (known: "
                + String.join(", ", BUILT_IN.stream().map(BoardProfile::name).toList()) + ")");
    }
}
