# QEMU mps2-an500: Cortex-M7 (DSP). Code and data RAM as on the an385, CMSDK UART0 at 0x40004000,
# but the 16 MB PSRAM (the emulated model flash) is at 0x60000000.
CPU := -mcpu=cortex-m7 -mfloat-abi=soft -DMPS2_FLASH_BASE=0x60000000u
LDSCRIPT := ports/mps2-an385/mps2.ld
PORT_SRC := ports/mps2-an385/port_mps2.c
QEMU_MACHINE := mps2-an500
CPU_HZ := 25000000
LIMITS := -DSNN_MAX_INPUTS=1024 -DSNN_MAX_NEURONS=1024
