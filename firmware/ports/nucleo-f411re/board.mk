# Nucleo-F411RE: STM32F411RE (Cortex-M4F, soft float), HSI -> PLL 100 MHz, USART2 (ST-LINK VCP) with
# an interrupt-driven receive ring, model store in the on-chip flash (f4_store.c, f4_flash.c).
# Not run on silicon. QEMU runs its golden checker and benchmark on netduinoplus2 (STM32F405, same
# core); the firmware itself runs under QEMU as BOARD=nucleo-f411re-qemu.
CPU := -mcpu=cortex-m4 -mfloat-abi=soft
LDSCRIPT := ports/nucleo-f411re/f411.ld
PORT_SRC := ports/nucleo-f411re/port_f4.c ports/nucleo-f411re/f4_store.c ports/nucleo-f411re/f4_flash.c
QEMU_MACHINE := netduinoplus2
CPU_HZ := 168000000
# A 192 KiB slot holds at most 784 x 240 / 472 / 896 at 8 / 4 / 2 bits (docs/device-spec.md section 12).
LIMITS := -DSNN_MAX_INPUTS=784 -DSNN_MAX_NEURONS=1024 -DSNN_MAX_CHUNK=1024 -DSNN_STREAM_DECODER=0
# No SNZ1 stream decoder (docs/device-spec.md section 16): its code does not fit the 32 KiB before the
# journal; raw uploads only.
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
