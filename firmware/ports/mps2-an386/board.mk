# QEMU mps2-an386: Cortex-M4 (DSP), otherwise the an385 board: same memory map, CMSDK UART0 at
# 0x40004000, model flash emulated in the PSRAM at 0x21000000 (ports/mps2-an385/port_mps2.c).
CPU := -mcpu=cortex-m4 -mfloat-abi=soft
LDSCRIPT := ports/mps2-an385/mps2.ld
PORT_SRC := ports/mps2-an385/port_mps2.c
QEMU_MACHINE := mps2-an386
CPU_HZ := 25000000
LIMITS := -DSNN_MAX_INPUTS=1024 -DSNN_MAX_NEURONS=1024
