# The pico image for the rp2040js emulator: rp2040js does not emulate the flash chip behind the SSI
# (the boot ROM's erase and program do nothing) but lets the CPU write its flash array, so the store
# is erased and programmed by direct writes to the XIP window (port_pico.c, SNN_PICO_RP2040JS).
# Same layout, boot2, clocks and UART as BOARD=pico. Run: node ports/pico/run-rp2040js.js (README).
PICO_VARIANT := -DSNN_PICO_RP2040JS
include ports/pico/pico.mk
# No Ed25519 (Monocypher adds about 15 KB of code, over the 32 KiB firmware limit): the firmware reports
# can_verify = false in Hello and refuses provisioning (docs/porting.md, "Signed images").
SIGNATURES := 0
