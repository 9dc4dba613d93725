# QEMU mps2-an385: Cortex-M3, CMSDK UART0, model flash emulated in PSRAM (port_mps2.c).
CPU := -mcpu=cortex-m3
LDSCRIPT := ports/mps2-an385/mps2.ld
PORT_SRC := ports/mps2-an385/port_mps2.c
QEMU_MACHINE := mps2-an385
CPU_HZ := 25000000
# Model limits; the golden vectors need 784 x 400 at least.
LIMITS := -DSNN_MAX_INPUTS=1024 -DSNN_MAX_NEURONS=1024
