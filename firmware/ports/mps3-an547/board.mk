# QEMU mps3-an547: Cortex-M55 with Helium (MVE) and FPU, hard-float ABI so that __ARM_FEATURE_MVE is
# defined; SNN_ENABLE_FPU makes startup.c enable CP10/CP11 before any C code (GCC may vectorise plain
# C with MVE at -O2). Secure, SAU off: code in the ITCM at 0, data in SRAM 2 at 0x21000000
# (an547.ld), CMSDK UART0 at its Secure alias 0x59303000, model flash emulated in the DDR at
# 0x60000000. SYSCLK 32 MHz.
CPU := -mcpu=cortex-m55 -mfloat-abi=hard -DSNN_ENABLE_FPU -DMPS2_UART0=0x59303000u -DMPS2_FLASH_BASE=0x60000000u
LDSCRIPT := ports/mps3-an547/an547.ld
PORT_SRC := ports/mps2-an385/port_mps2.c
QEMU_MACHINE := mps3-an547
CPU_HZ := 32000000
LIMITS := -DSNN_MAX_INPUTS=1024 -DSNN_MAX_NEURONS=1024
