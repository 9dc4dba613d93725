package snn.deploy.profile;

/**
 * A board the quantizer sizes images for: its flash and RAM, its clock, and how much of each the
 * firmware itself keeps (docs/device-spec.md, "Size accounting").
 *
 * @param flashReserveBytes flash the firmware needs besides the model image: code, constants and the
 *                          model store's metadata page
 * @param ramReserveBytes   RAM the firmware needs besides the loop state and protocol buffers: stack
 *                          and its own globals
 */
public record DeviceProfile(String name, long flashBytes, long ramBytes, long clockHz, long flashReserveBytes,
                            long ramReserveBytes) {
    public static final long KIB = 1024;
    /** 32 KiB of code and constants plus one 4 KiB page for the model store's metadata. */
    public static final long DEFAULT_FLASH_RESERVE = 36 * KIB;
    /** 8 KiB of stack plus 8 KiB of firmware globals. */
    public static final long DEFAULT_RAM_RESERVE = 16 * KIB;
}
