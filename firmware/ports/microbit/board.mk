# QEMU microbit: nRF51822, Cortex-M0 at 16 MHz, 16 KB RAM, 256 KB flash (port_microbit.c).
# The model store uses the real NVMC that QEMU emulates. fw code + constants must fit 32 KB.
CPU := -mcpu=cortex-m0 -DSNN_KERNEL_SMALL
LDSCRIPT := ports/microbit/microbit.ld
PORT_SRC := ports/microbit/port_microbit.c
EXTRA_SRC := ports/microbit/nvmc.c
QEMU_MACHINE := microbit
CPU_HZ := 16000000
FW_FORMATS := hex
# Model limits: the most neurons (multiple of 16) whose state and protocol buffers leave >= 1.5 KB of
# stack in 16 KB; the stack takes the rest (1624 bytes since issues 15 and 16; 1324 measured after deploy, resume and eval before the
# trust-store fields of issue 15 and the SNZ1 fields of wire.proto).
LIMITS := -DSNN_MAX_INPUTS=784 -DSNN_MAX_NEURONS=320 -DSNN_MAX_CHUNK=256 -Wl,--defsym=SNN_STACK_BYTES=1624 \
          -DSNN_STREAM_DECODER=0
# No SNZ1 stream decoder (docs/device-spec.md section 16): its 2.1 KiB of RAM do not fit; raw uploads only.
# The golden checker and benchmark put images into flash (golden_flash.c) and need the 784x400 loop
# state in RAM (no protocol buffers there). QEMU's nrf51 flash-size property gives them 512 KB so that
# the 8-bit 784x400 image (321,088 bytes) fits; the firmware itself is run on the real 256 KB.
TEST_SRC := ports/microbit/golden_flash.c
GOLDEN_LIMITS := -DSNN_MAX_INPUTS=784 -DSNN_MAX_NEURONS=400 -DGOLDEN_CHUNK=256 -DGOLDEN_IMAGE_HOOK \
                 -DGOLDEN_FLASH_BYTES=0x80000u -Wl,--defsym=SNN_STACK_BYTES=2048
QEMU_TEST_OPTS := -global nrf51-soc.flash-size=0x80000
# No Ed25519 (Monocypher adds about 15 KB of code, over the 32 KiB firmware limit): the firmware reports
# can_verify = false in Hello and refuses provisioning (docs/porting.md, "Signed images").
SIGNATURES := 0
