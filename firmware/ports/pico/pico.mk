# Shared by ports/pico and ports/pico-rp2040js (PICO_VARIANT: extra compiler flags).
CPU := -mcpu=cortex-m0plus -DSNN_KERNEL_SMALL $(PICO_VARIANT)
LDSCRIPT := ports/pico/rp2040.ld
PORT_SRC := ports/pico/port_pico.c ports/pico/pico_hw.c
QEMU_MACHINE :=
CPU_HZ := 125000000
# A 1004 KiB slot holds 784 x 1276 / 2496 at 8 / 4 bits; at 2 bits SNN_MAX_NEURONS (4096) is the limit.
LIMITS := -DSNN_MAX_INPUTS=784 -DSNN_MAX_NEURONS=4096 -DSNN_MAX_CHUNK=1024
GOLDEN_LIMITS := -DSNN_MAX_INPUTS=1024 -DSNN_MAX_NEURONS=1024 -DGOLDEN_IMAGE_MAX=4
# No semihosting under rp2040js: index, images and traces are linked in, the report goes to UART0.
GOLDEN_BAKED := all
GOLDEN_SRC := ports/pico/golden_pico.c ports/pico/pico_hw.c
FW_FORMATS := bin uf2
UF2_FAMILY := 0xE48BFF56
UF2_BASE := 0x10000000

# boot2: assembled and linked at 0x10000000 on its own, padded to 252 bytes + CRC-32, then linked
# into every image of the board as the .boot2 section (EXTRA_SRC).
PICO_B := $(BUILD)/$(BOARD)
EXTRA_SRC := $(PICO_B)/boot2_padded.S
$(PICO_B)/boot2.elf: ports/pico/boot2.S
	@mkdir -p $(dir $@)
	$(ARM_CC) -mcpu=cortex-m0plus -mthumb -nostdlib -Wl,--section-start=.boot2_text=0x10000000 -Wl,-e,boot2_entry -o $@ $<
$(PICO_B)/boot2.bin: $(PICO_B)/boot2.elf $(BUILD)/host/boot2crc
	arm-none-eabi-objcopy -O binary -j .boot2_text $< $@.raw
	$(BUILD)/host/boot2crc $@.raw $@
$(PICO_B)/boot2_padded.S: $(PICO_B)/boot2.bin
	printf '    .section .boot2, "ax"\n    .incbin "%s"\n' $(abspath $<) > $@

# rp2040js 1.4.1 from npm into the build folder (git-ignored), for ports/pico/run-rp2040js.js
RP2040JS := $(BUILD)/rp2040js
.PHONY: rp2040js test-rp2040js bench-rp2040js
rp2040js: $(RP2040JS)/node_modules/rp2040js/package.json
$(RP2040JS)/node_modules/rp2040js/package.json:
	@mkdir -p $(RP2040JS)
	cd $(RP2040JS) && npm install --no-save --no-audit --no-fund --prefix . rp2040js@1.4.1
# every golden vector on the RP2040's core (rp2040js; the vectors are linked into golden.bin)
test-rp2040js: $(BUILD)/$(BOARD)/golden.bin rp2040js
	timeout 1800 node ports/pico/run-rp2040js.js --lib $(RP2040JS) --golden $(BUILD)/$(BOARD)/golden.bin
# Cost of one inference of BENCH_IMAGE (linked into bench.elf) on rp2040js's M0+: its SysTick counts
# the emulator's cycle model at 125 MHz, so cycles per inference = the printed systick_ticks (the
# printed instructions_per_inference assumes QEMU's -icount and does not apply here).
bench-rp2040js: $(BUILD)/$(BOARD)/bench.elf rp2040js
	$(ARM_OBJCOPY) -O binary $< $(BUILD)/$(BOARD)/bench.bin
	timeout 900 node ports/pico/run-rp2040js.js --lib $(RP2040JS) --semihost "bench x" $(BUILD)/$(BOARD)/bench.bin
# The firmware must fit the 32 KiB before the model store: built for size, the kernels too
# (SNN_KERNEL_SMALL, as on the micro:bit).
FW_OPT := -Os
