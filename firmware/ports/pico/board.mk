# Raspberry Pi Pico: RP2040 (Cortex-M0+), our own boot2 for the W25Q16 (boot2.S, CRC by
# tools/boot2crc), clocks 125 MHz from XOSC + PLL_SYS, UART0 on GP0/GP1 with an RX interrupt ring,
# model store in the QSPI flash through the boot ROM's flash functions. Output fw.uf2 (tools/uf2conv).
# Not run on silicon. No QEMU machine; rp2040js runs the same image as BOARD=pico-rp2040js.
PICO_DIR := ports/pico
PICO_VARIANT :=
include ports/pico/pico.mk
# No Ed25519 (Monocypher adds about 15 KB of code, over the 32 KiB firmware limit): the firmware reports
# can_verify = false in Hello and refuses provisioning (docs/porting.md, "Signed images").
SIGNATURES := 0
