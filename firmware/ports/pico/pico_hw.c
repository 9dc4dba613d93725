/*
 * RP2040 clocks, UART0 and reboot at register level (RP2040 datasheet: 2.15 clocks, 2.16 XOSC,
 * 2.18 PLL, 2.14 resets, 2.19 GPIO, 4.2 UART, 4.7 watchdog). No SDK.
 */
#include "pico_hw.h"

#define REG(a) (*(volatile uint32_t *)(a))
#define SET(a) REG((a) + 0x2000u) /* atomic set alias */
#define CLR(a) REG((a) + 0x3000u) /* atomic clear alias */

#define RESETS 0x4000C000u
#define RESETS_RESET (RESETS + 0x0u)
#define RESETS_DONE (RESETS + 0x8u)
#define RST_IO_BANK0 (1u << 5)
#define RST_PADS_BANK0 (1u << 8)
#define RST_PLL_SYS (1u << 12)
#define RST_UART0 (1u << 22)

#define XOSC 0x40024000u
#define CLOCKS 0x40008000u
#define CLK_REF_CTRL (CLOCKS + 0x30u)
#define CLK_REF_SELECTED (CLOCKS + 0x38u)
#define CLK_SYS_CTRL (CLOCKS + 0x3Cu)
#define CLK_SYS_SELECTED (CLOCKS + 0x44u)
#define CLK_PERI_CTRL (CLOCKS + 0x48u)
#define CLK_SYS_RESUS_CTRL (CLOCKS + 0x78u)
#define PLL_SYS 0x40028000u

#define IO_BANK0 0x40014000u
#define UART0 0x40034000u
#define UART_DR (UART0 + 0x00u)
#define UART_FR (UART0 + 0x18u)
#define UART_IBRD (UART0 + 0x24u)
#define UART_FBRD (UART0 + 0x28u)
#define UART_LCR_H (UART0 + 0x2Cu)
#define UART_CR (UART0 + 0x30u)
#define UART_IFLS (UART0 + 0x34u)
#define UART_IMSC (UART0 + 0x38u)
#define FR_TXFF (1u << 5)
#define FR_BUSY (1u << 3)
#define UART0_IRQ 20u

static void unreset(uint32_t bits)
{
    SET(RESETS_RESET) = bits;
    CLR(RESETS_RESET) = bits;
    while ((REG(RESETS_DONE) & bits) != bits) {
    }
}

void pico_clocks_init(void)
{
    REG(CLK_SYS_RESUS_CTRL) = 0;
    /* XOSC: 1-15 MHz range, start-up delay ~1 ms at 12 MHz ((12000 + 128) / 256 = 47) */
    REG(XOSC + 0x00u) = 0xAA0u;
    REG(XOSC + 0x0Cu) = 47u;
    SET(XOSC + 0x00u) = 0xFABu << 12; /* ENABLE */
    while ((REG(XOSC + 0x04u) & (1u << 31)) == 0) {
    }
    /* clk_sys off the PLL while it is set up: clk_sys = clk_ref; clk_ref = XOSC */
    CLR(CLK_SYS_CTRL) = 1u;
    while (REG(CLK_SYS_SELECTED) != 1u) {
    }
    REG(CLK_REF_CTRL) = 2u;
    while (REG(CLK_REF_SELECTED) != (1u << 2)) {
    }
    /* PLL_SYS: 12 MHz / 1 * 125 = 1500 MHz VCO, / 6 / 2 = 125 MHz */
    unreset(RST_PLL_SYS);
    REG(PLL_SYS + 0x0u) = 1u;   /* CS: REFDIV 1 */
    REG(PLL_SYS + 0x8u) = 125u; /* FBDIV_INT */
    CLR(PLL_SYS + 0x4u) = (1u << 0) | (1u << 5); /* PWR: PD and VCOPD off */
    while ((REG(PLL_SYS + 0x0u) & (1u << 31)) == 0) { /* LOCK */
    }
    REG(PLL_SYS + 0xCu) = (6u << 16) | (2u << 12); /* PRIM: POSTDIV1 6, POSTDIV2 2 */
    CLR(PLL_SYS + 0x4u) = 1u << 3;                 /* POSTDIVPD off */
    /* clk_sys = clksrc_clk_sys_aux = pll_sys */
    REG(CLK_SYS_CTRL) = 0u << 5; /* AUXSRC pll_sys, SRC clk_ref for now */
    REG(CLK_SYS_CTRL) = (0u << 5) | 1u;
    while (REG(CLK_SYS_SELECTED) != (1u << 1)) {
    }
    /* clk_peri = clk_sys, enabled */
    REG(CLK_PERI_CTRL) = (1u << 11) | (0u << 5);
}

void pico_uart_init(int rx_irq)
{
    unreset(RST_IO_BANK0 | RST_PADS_BANK0 | RST_UART0);
    REG(IO_BANK0 + 0x04u) = 2u; /* GPIO0_CTRL: FUNCSEL UART0 TX */
    REG(IO_BANK0 + 0x0Cu) = 2u; /* GPIO1_CTRL: FUNCSEL UART0 RX */
    /* 125 MHz / (16 * 115200) = 67.817: IBRD 67, FBRD round(0.817 * 64) = 52 */
    REG(UART_IBRD) = 67u;
    REG(UART_FBRD) = 52u;
    REG(UART_LCR_H) = (3u << 5) | (1u << 4); /* 8 bits, FIFOs on (the write latches the divisors) */
    REG(UART_IFLS) = 0u;                      /* RX interrupt at 1/8 full (4 bytes), plus the timeout */
    REG(UART_CR) = (1u << 0) | (1u << 8) | (1u << 9); /* UARTEN, TXE, RXE */
    if (rx_irq) {
        REG(UART_IMSC) = (1u << 4) | (1u << 6); /* RXIM, RTIM */
        REG(0xE000E100u) = 1u << UART0_IRQ;      /* NVIC_ISER */
    }
}

void pico_uart_putc(uint8_t c)
{
    while ((REG(UART_FR) & FR_TXFF) != 0) {
    }
    REG(UART_DR) = c;
}

void pico_uart_puts(const char *s)
{
    while (*s) {
        if (*s == '\n') {
            pico_uart_putc('\r');
        }
        pico_uart_putc((uint8_t)*s++);
    }
}

void pico_uart_drain(void)
{
    while ((REG(UART_FR) & FR_BUSY) != 0) {
    }
}

void pico_reboot(void)
{
    pico_uart_drain();
    SET(0x40010008u) = 0x1FFFCu;   /* PSM WDSEL: everything but ROSC and XOSC */
    SET(0x40058000u) = 1u << 31;   /* WATCHDOG CTRL: TRIGGER */
}
