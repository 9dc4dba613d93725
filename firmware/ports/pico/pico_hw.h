/* RP2040 register-level helpers shared by the Pico firmware and its golden checker (pico_hw.c). */
#ifndef PICO_HW_H
#define PICO_HW_H

#include <stdint.h>

#define PICO_CLK_SYS_HZ 125000000u

/* XOSC 12 MHz -> PLL_SYS 125 MHz = clk_sys; clk_ref = XOSC; clk_peri = clk_sys. */
void pico_clocks_init(void);
/* UART0 on GP0 (TX) / GP1 (RX), 115200 8N1, FIFOs on; rx_irq: receive interrupt (IRQ 20) on. */
void pico_uart_init(int rx_irq);
void pico_uart_putc(uint8_t c);
void pico_uart_puts(const char *s);
/* Waits until the transmitter is idle. */
void pico_uart_drain(void);
/* Whole-chip reset through the watchdog (boot ROM, boot2, image again). */
void pico_reboot(void);

#endif
