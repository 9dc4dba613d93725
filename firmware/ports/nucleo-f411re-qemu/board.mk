# The nucleo-f411re port built for QEMU's netduinoplus2 (STM32F405: same Cortex-M4F, same USART;
# USART2 is the second -serial, so run it with -serial null -serial pty). QEMU emulates no flash
# controller and keeps its flash read-only: the model store is in SRAM (two 56 KiB slots), the
# variables in CCM RAM (f405-qemu.ld). No clock set-up (QEMU's RCC is not emulated).
CPU := -mcpu=cortex-m4 -mfloat-abi=soft -DSNN_F4_QEMU
LDSCRIPT := ports/nucleo-f411re-qemu/f405-qemu.ld
PORT_SRC := ports/nucleo-f411re/port_f4.c
QEMU_MACHINE := netduinoplus2
CPU_HZ := 168000000
LIMITS := -DSNN_MAX_INPUTS=784 -DSNN_MAX_NEURONS=1024 -DSNN_MAX_CHUNK=1024 -DSNN_STREAM_DECODER=0
# No SNZ1 stream decoder, as on nucleo-f411re: its code does not fit the 32 KiB before the journal.
GOLDEN_LIMITS := -DSNN_MAX_INPUTS=1024 -DSNN_MAX_NEURONS=1024 -DGOLDEN_IMAGE_MAX=4
# 128 KiB RAM cannot hold the 321 KB golden image: images (and the bench image) are linked in.
GOLDEN_BAKED := images
FW_FORMATS := bin hex
# The firmware must fit the 32 KiB before the model store: built for size, the loop still at -O2
# (the kernels' #pragma GCC optimize).
# -flto: signing (issue 15), the SNZ1 fields and the strict parser (issue 16) together pass 32 KiB at
# -Os alone; link-time optimisation brings the firmware back to 32,624 bytes.
FW_OPT := -Os -flto
# No Ed25519 (Monocypher adds about 15 KB of code, over the 32 KiB firmware limit): the firmware reports
# can_verify = false in Hello and refuses provisioning (docs/porting.md, "Signed images").
SIGNATURES := 0
