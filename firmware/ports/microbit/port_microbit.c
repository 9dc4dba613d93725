/*
 * The micro:bit port (nRF51822: Cortex-M0, 256 KB flash, 16 KB RAM), run under QEMU's `microbit`.
 *
 * Serial: the nRF51 UART (nrf51.h), polled. QEMU's receive FIFO holds 6 bytes and holds further
 * input back while it is full, so polling loses nothing even during a long inference.
 *
 * Flash: the model store spans the whole flash from address 0; its first 32 KB (SNN_FIRMWARE_RESERVE)
 * are this firmware, which the store never touches (erase refuses them). Sectors are 4 KB (4 NVMC
 * pages of 1 KB) so that the layout is the Java emulator's. The NVMC writes whole words only: a
 * partial word is merged with 0xFF around the new bytes (programming ANDs, so the other bytes keep
 * their value). QEMU keeps the flash across a system reset, as the chip does.
 */
#include <stdint.h>
#include "nrf51.h"
#include "snn_fw.h"
#include "snn_port.h"
#include "snn_store.h"

#define SECTOR 4096u
#define SCB_AIRCR NRF_REG(0xE000ED0Cu)

static const snn_port_info info = {"microbit", NRF51_FLASH_BYTES, 16u << 10};

const snn_port_info *snn_port_info_get(void)
{
    return &info;
}

uint32_t snn_port_flash_size(void)
{
    return NRF51_FLASH_BYTES;
}

uint32_t snn_port_flash_sector(void)
{
    return SECTOR;
}

const uint8_t *snn_port_flash_map(void)
{
    return (const uint8_t *)0;
}

int snn_port_flash_erase(uint32_t addr)
{
    if (addr % SECTOR != 0 || addr < SNN_FIRMWARE_RESERVE || addr > NRF51_FLASH_BYTES - SECTOR) {
        return -1;
    }
    for (uint32_t p = addr; p < addr + SECTOR; p += NRF51_PAGE) {
        nrf51_erase_page(p);
    }
    return 0;
}

int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len)
{
    if (addr < SNN_FIRMWARE_RESERVE || addr > NRF51_FLASH_BYTES || len > NRF51_FLASH_BYTES - addr) {
        return -1;
    }
    while (len > 0) {
        uint32_t word = addr & ~3u;
        uint32_t w = 0xFFFFFFFFu;
        uint32_t k = addr - word;
        for (; k < 4 && len > 0; k++, len--, addr++) {
            w &= ~(0xFFu << (8 * k)) | ((uint32_t)*src++ << (8 * k));
        }
        if (w != 0xFFFFFFFFu) {
            nrf51_write_word(word, w);
        }
    }
    return 0;
}

int32_t snn_port_serial_read(uint8_t *buf, uint32_t max)
{
    uint32_t n = 0;
    while (UART_RXDRDY == 0) {
    }
    while (n < max && UART_RXDRDY != 0) {
        UART_RXDRDY = 0; /* clear before reading RXD: the read raises it again if more is waiting */
        buf[n++] = (uint8_t)UART_RXD;
    }
    return (int32_t)n;
}

void snn_port_serial_write(const uint8_t *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        UART_TXDRDY = 0;
        UART_TXD = buf[i];
        while (UART_TXDRDY == 0) {
        }
    }
}

void snn_port_reboot(void)
{
    SCB_AIRCR = 0x05FA0004u; /* VECTKEY | SYSRESETREQ; the last byte has left (TXDRDY) */
    for (;;) {
    }
}

int main(void)
{
    UART_PSELTXD = 24u; /* the micro:bit's USB serial pins (P0.24 TX, P0.25 RX) */
    UART_PSELRXD = 25u;
    UART_BAUDRATE = 0x01D7E000u; /* 115200 */
    UART_ENABLE = 4u;
    UART_STARTTX = 1u;
    UART_STARTRX = 1u;
    snn_fw_run();
    for (;;) {
    }
}
