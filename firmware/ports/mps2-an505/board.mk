# QEMU mps2-an505: Cortex-M33 (DSP, TrustZone; the firmware runs Secure, SAU off). Secure aliases:
# code 0x10000000, data 0x38000000 (an505.ld), CMSDK UART0 at 0x50200000; the model flash is
# emulated in the 16 MB PSRAM at 0x80000000 (no MPC in front of it). SYSCLK 20 MHz.
CPU := -mcpu=cortex-m33 -mfloat-abi=soft -DMPS2_UART0=0x50200000u -DMPS2_FLASH_BASE=0x80000000u
LDSCRIPT := ports/mps2-an505/an505.ld
PORT_SRC := ports/mps2-an385/port_mps2.c
QEMU_MACHINE := mps2-an505
CPU_HZ := 20000000
LIMITS := -DSNN_MAX_INPUTS=1024 -DSNN_MAX_NEURONS=1024
