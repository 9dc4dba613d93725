/*
 * The port of QEMU's MPS2/MPS3 boards (mps2-an385 M3, mps2-an386 M4, mps2-an500 M7, mps2-an505 M33,
 * mps3-an547 M55): serial line on CMSDK UART0, model flash emulated in RAM with NOR semantics, reboot
 * through the System Control Block. See docs/porting.md. The boards differ only in addresses, which
 * their board.mk passes as -D (defaults: mps2-an385):
 *   MPS2_UART0        UART0 base                        (an385/386/500 0x40004000, an505 0x50200000,
 *                                                        an547 0x59303000: Secure aliases)
 *   MPS2_FLASH_BASE   RAM that plays the model flash    (4 MB of a 16 MB PSRAM or of the DDR)
 *   MPS2_RAM_BYTES    RAM reported in DeviceInfo
 *
 * UART0: DATA +0x0, STATE +0x4 (bit0 TX full, bit1 RX full), CTRL +0x8 (bit0 TX enable, bit1 RX
 * enable), BAUDDIV +0x10. QEMU holds received bytes back while RX is full, so polling
 * loses nothing even during a long inference.
 *
 * Flash: 4 MB (the mps2 profiles) in RAM that QEMU keeps across a system reset (only the ELF's own
 * sections are reloaded). A marker word after it says whether it was ever erased: at QEMU start the RAM is zero, not erased flash.
 */
#include <stdint.h>
#include "snn_fw.h"
#include "snn_port.h"

#ifndef MPS2_UART0
#define MPS2_UART0 0x40004000u
#endif
#ifndef MPS2_FLASH_BASE
#define MPS2_FLASH_BASE 0x21000000u
#endif
#ifndef MPS2_RAM_BYTES
#define MPS2_RAM_BYTES (4u << 20)
#endif
#define UART0 MPS2_UART0
#define REG(a) (*(volatile uint32_t *)(a))
#define UART_DATA REG(UART0 + 0x0)
#define UART_STATE REG(UART0 + 0x4)
#define UART_CTRL REG(UART0 + 0x8)
#define UART_BAUDDIV REG(UART0 + 0x10)
#define SCB_AIRCR REG(0xE000ED0Cu)

#define FLASH_BASE MPS2_FLASH_BASE
#define FLASH_BYTES (4u << 20)
#define FLASH_SECTOR 4096u
#define FLASH_MARKER REG(FLASH_BASE + FLASH_BYTES)
#define FLASH_FORMATTED 0xF1A5F1A5u

static const snn_port_info info = {SNN_BOARD_NAME, FLASH_BYTES, MPS2_RAM_BYTES};

const snn_port_info *snn_port_info_get(void)
{
    return &info;
}

uint32_t snn_port_flash_size(void)
{
    return FLASH_BYTES;
}

uint32_t snn_port_flash_sector(void)
{
    return FLASH_SECTOR;
}

const uint8_t *snn_port_flash_map(void)
{
    return (const uint8_t *)FLASH_BASE;
}

int snn_port_flash_erase(uint32_t addr)
{
    if (addr % FLASH_SECTOR != 0 || addr > FLASH_BYTES - FLASH_SECTOR) {
        return -1;
    }
    volatile uint32_t *p = (volatile uint32_t *)(FLASH_BASE + addr);
    for (uint32_t i = 0; i < FLASH_SECTOR / 4; i++) {
        p[i] = 0xFFFFFFFFu;
    }
    return 0;
}

int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len)
{
    if (addr > FLASH_BYTES || len > FLASH_BYTES - addr) {
        return -1;
    }
    volatile uint8_t *p = (volatile uint8_t *)(FLASH_BASE + addr);
    for (uint32_t i = 0; i < len; i++) {
        p[i] = (uint8_t)(p[i] & src[i]); /* NOR: programming only clears bits */
    }
    return 0;
}

int32_t snn_port_serial_read(uint8_t *buf, uint32_t max)
{
    uint32_t n = 0;
    while ((UART_STATE & 2u) == 0) {
    }
    while (n < max && (UART_STATE & 2u) != 0) {
        buf[n++] = (uint8_t)UART_DATA;
    }
    return (int32_t)n;
}

void snn_port_serial_write(const uint8_t *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        while ((UART_STATE & 1u) != 0) {
        }
        UART_DATA = buf[i];
    }
}

void snn_port_reboot(void)
{
    while ((UART_STATE & 1u) != 0) { /* let the answer leave first */
    }
    SCB_AIRCR = 0x05FA0004u; /* VECTKEY | SYSRESETREQ */
    for (;;) {
    }
}

int main(void)
{
    UART_BAUDDIV = 16;
    UART_CTRL = 3u; /* TX and RX enabled, no interrupts */
    if (FLASH_MARKER != FLASH_FORMATTED) {
        for (uint32_t a = 0; a < FLASH_BYTES; a += FLASH_SECTOR) {
            snn_port_flash_erase(a);
        }
        FLASH_MARKER = FLASH_FORMATTED;
    }
    snn_fw_run();
    for (;;) {
    }
}
