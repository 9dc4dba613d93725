/* nRF51822 registers used by the micro:bit port and its golden checker (nRF51 Series Reference
 * Manual; QEMU hw/char/nrf51_uart.c, hw/nvram/nrf51_nvm.c). */
#ifndef NRF51_H
#define NRF51_H

#include <stdint.h>

#define NRF_REG(a) (*(volatile uint32_t *)(a))

#define NRF_UART 0x40002000u
#define UART_STARTRX NRF_REG(NRF_UART + 0x000)
#define UART_STARTTX NRF_REG(NRF_UART + 0x008)
#define UART_RXDRDY NRF_REG(NRF_UART + 0x108)
#define UART_TXDRDY NRF_REG(NRF_UART + 0x11C)
#define UART_ENABLE NRF_REG(NRF_UART + 0x500)
#define UART_PSELTXD NRF_REG(NRF_UART + 0x50C)
#define UART_PSELRXD NRF_REG(NRF_UART + 0x514)
#define UART_RXD NRF_REG(NRF_UART + 0x518)
#define UART_TXD NRF_REG(NRF_UART + 0x51C)
#define UART_BAUDRATE NRF_REG(NRF_UART + 0x524)

#define NRF_NVMC 0x4001E000u
#define NVMC_READY NRF_REG(NRF_NVMC + 0x400)
#define NVMC_CONFIG NRF_REG(NRF_NVMC + 0x504)  /* 0 read only, 1 write enable, 2 erase enable */
#define NVMC_ERASEPAGE NRF_REG(NRF_NVMC + 0x508)

#define NRF51_FLASH_BYTES (256u << 10)
#define NRF51_PAGE 1024u

/* Erases the 1 KB page at addr; programs one aligned word (flash = flash & w). */
void nrf51_erase_page(uint32_t addr);
void nrf51_write_word(uint32_t addr, uint32_t w);

#endif
