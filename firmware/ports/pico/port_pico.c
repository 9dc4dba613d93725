/*
 * The pico port (Raspberry Pi Pico: RP2040, Cortex-M0+, 2 MiB W25Q16 flash at 0x10000000 XIP,
 * 264 KiB SRAM). No SDK: boot2.S, pico_hw.c (clocks 125 MHz, UART0 on GP0/GP1 at 115200) and this.
 *
 * Serial: UART0 receive interrupt (IRQ 20, RX and RX-timeout) into an 8 KiB ring.
 *
 * Store: the whole flash, 1:1 (snn_port_flash_map() = 0x10000000, 2 MiB, 4 KiB sectors): the first
 * 32 KiB are boot2 + firmware (SNN_FIRMWARE_RESERVE; erase/program refuse them), journal sectors at
 * 32 and 36 KiB, two slots of 1004 KiB from 40 KiB. Erase and program go through the boot ROM's
 * flash functions (connect_internal_flash, flash_exit_xip, flash_range_erase / _program,
 * flash_flush_cache, flash_enter_cmd_xip; found with rom_func_lookup), called from a function in
 * RAM with interrupts off, since XIP is off meanwhile. The ROM programs 256-byte pages: a partial
 * page is merged (old bytes read through XIP, ANDed with the new ones, the whole page programmed).
 * While interrupts are off (a 4 KiB erase takes ~45 ms, a page ~1 ms) the UART's 32-byte FIFO keeps
 * receiving; a journal-sector erase during a chunk window can overflow it: the frame's CRC then
 * fails and the uploader resends (docs/porting.md).
 *
 * -DSNN_PICO_RP2040JS (board pico-rp2040js): rp2040js emulates no flash behind the SSI (the ROM's
 * erase and program do nothing there) but lets the CPU write its flash array: erase and program
 * write the XIP window directly, with NOR semantics. Everything else is the same image.
 */
#include <stdint.h>
#include "pico_hw.h"
#include "snn_fw.h"
#include "snn_port.h"

#define REG(a) (*(volatile uint32_t *)(a))
#define XIP_BASE 0x10000000u
#define FLASH_BYTES (2u << 20)
#define FLASH_SECTOR 4096u
#define FLASH_PAGE 256u
#define FIRST_STORE_BYTE (32u << 10)
#define UART0_DR REG(0x40034000u)
#define UART0_FR REG(0x40034018u)
#define UART0_IRQ 20u

static const snn_port_info info = {"pico", FLASH_BYTES, 264u << 10};

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
    return (const uint8_t *)XIP_BASE;
}

static uint8_t page[FLASH_PAGE];

#ifdef SNN_PICO_RP2040JS
static int erase_sector(uint32_t off)
{
    volatile uint32_t *p = (volatile uint32_t *)(XIP_BASE + off);
    for (uint32_t i = 0; i < FLASH_SECTOR / 4; i++) {
        p[i] = 0xFFFFFFFFu;
    }
    return 0;
}

static int program_page(uint32_t off)
{
    volatile uint8_t *p = (volatile uint8_t *)(XIP_BASE + off);
    for (uint32_t i = 0; i < FLASH_PAGE; i++) {
        p[i] = page[i];
    }
    return 0;
}

static void flash_init(void)
{
}
#else
/* ---- the boot ROM's flash functions (RP2040 datasheet 2.8.3) ---- */
typedef void (*rom_void_fn)(void);
typedef void (*rom_erase_fn)(uint32_t addr, uint32_t count, uint32_t block_size, uint8_t block_cmd);
typedef void (*rom_program_fn)(uint32_t addr, const uint8_t *data, uint32_t count);
typedef void *(*rom_lookup_fn)(const uint16_t *table, uint32_t code);

static struct {
    rom_void_fn connect_internal_flash;
    rom_void_fn flash_exit_xip;
    rom_erase_fn flash_range_erase;
    rom_program_fn flash_range_program;
    rom_void_fn flash_flush_cache;
    rom_void_fn flash_enter_cmd_xip;
} rom;

static void *rom_func(char c1, char c2)
{
    /* 0x14: u16 pointer to the function table; 0x18: u16 pointer to rom_table_lookup */
    uintptr_t rom_base = 0; /* hidden from the compiler, which would take 0x14 for a null access */
    __asm__("" : "+r"(rom_base));
    rom_lookup_fn lookup = (rom_lookup_fn)(uintptr_t)*(const volatile uint16_t *)(rom_base + 0x18u);
    const uint16_t *table = (const uint16_t *)(uintptr_t)*(const volatile uint16_t *)(rom_base + 0x14u);
    return lookup(table, (uint32_t)c1 | ((uint32_t)c2 << 8));
}

static void flash_init(void)
{
    rom.connect_internal_flash = (rom_void_fn)rom_func('I', 'F');
    rom.flash_exit_xip = (rom_void_fn)rom_func('E', 'X');
    rom.flash_range_erase = (rom_erase_fn)rom_func('R', 'E');
    rom.flash_range_program = (rom_program_fn)rom_func('R', 'P');
    rom.flash_flush_cache = (rom_void_fn)rom_func('F', 'C');
    rom.flash_enter_cmd_xip = (rom_void_fn)rom_func('C', 'X');
}

/* Runs from RAM (.ramfunc is copied with .data): XIP is off between exit_xip and enter_cmd_xip.
 * Calls nothing in flash; the ROM functions are at addresses below 0x4000. */
__attribute__((noinline, long_call, section(".ramfunc"))) static void flash_op(uint32_t off, uint32_t erase)
{
    rom.connect_internal_flash();
    rom.flash_exit_xip();
    if (erase) {
        rom.flash_range_erase(off, FLASH_SECTOR, 1u << 16, 0xD8); /* a 4 KiB range: sector erase 20h */
    } else {
        rom.flash_range_program(off, page, FLASH_PAGE);
    }
    rom.flash_flush_cache();
    rom.flash_enter_cmd_xip(); /* XIP with 03h reads again, as boot2 left it */
}

static void flash_call(uint32_t off, uint32_t erase)
{
    __asm__ volatile("cpsid i" ::: "memory");
    flash_op(off, erase);
    __asm__ volatile("cpsie i" ::: "memory");
}

static int erase_sector(uint32_t off)
{
    flash_call(off, 1);
    const uint32_t *p = (const uint32_t *)(XIP_BASE + off);
    for (uint32_t i = 0; i < FLASH_SECTOR / 4; i++) {
        if (p[i] != 0xFFFFFFFFu) {
            return -1;
        }
    }
    return 0;
}

static int program_page(uint32_t off)
{
    flash_call(off, 0);
    const uint8_t *p = (const uint8_t *)(XIP_BASE + off);
    for (uint32_t i = 0; i < FLASH_PAGE; i++) {
        if (p[i] != page[i]) {
            return -1;
        }
    }
    return 0;
}
#endif

int snn_port_flash_erase(uint32_t addr)
{
    if (addr % FLASH_SECTOR != 0 || addr < FIRST_STORE_BYTE || addr > FLASH_BYTES - FLASH_SECTOR) {
        return -1;
    }
    return erase_sector(addr);
}

int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len)
{
    if (addr < FIRST_STORE_BYTE || addr > FLASH_BYTES || len > FLASH_BYTES - addr) {
        return -1;
    }
    const uint8_t *flash = (const uint8_t *)XIP_BASE;
    while (len > 0) {
        uint32_t base = addr & ~(FLASH_PAGE - 1u);
        uint32_t at = addr - base;
        uint32_t n = FLASH_PAGE - at < len ? FLASH_PAGE - at : len;
        for (uint32_t i = 0; i < FLASH_PAGE; i++) {
            page[i] = flash[base + i];
        }
        for (uint32_t i = 0; i < n; i++) {
            page[at + i] = (uint8_t)(page[at + i] & src[i]); /* NOR: new = old & data */
        }
        if (program_page(base) != 0) {
            return -1;
        }
        addr += n;
        src += n;
        len -= n;
    }
    return 0;
}

/* ---- serial: UART0 receive interrupt into a ring ---- */
#define RING_BYTES 8192u
static uint8_t ring[RING_BYTES];
static volatile uint32_t ring_head;
static volatile uint32_t ring_tail;
volatile uint32_t snn_rx_dropped;

void uart0_irq_handler(void);
void uart0_irq_handler(void)
{
    while ((UART0_FR & (1u << 4)) == 0) { /* RX FIFO not empty */
        uint32_t d = UART0_DR;            /* reading clears the RX and timeout interrupts */
        if ((d & 0xF00u) != 0) {
            snn_rx_dropped++; /* framing, parity, break or overrun */
        }
        uint32_t h = ring_head;
        if (h - ring_tail < RING_BYTES) {
            ring[h % RING_BYTES] = (uint8_t)d;
            ring_head = h + 1;
        } else {
            snn_rx_dropped++;
        }
    }
}

int32_t snn_port_serial_read(uint8_t *buf, uint32_t max)
{
    for (;;) {
        __asm__ volatile("cpsid i" ::: "memory");
        if (ring_head != ring_tail) {
            __asm__ volatile("cpsie i" ::: "memory");
            break;
        }
        __asm__ volatile("wfi\n cpsie i" ::: "memory");
    }
    uint32_t n = 0;
    uint32_t t = ring_tail;
    while (n < max && t != ring_head) {
        buf[n++] = ring[t % RING_BYTES];
        t++;
    }
    ring_tail = t;
    return (int32_t)n;
}

void snn_port_serial_write(const uint8_t *buf, uint32_t len)
{
    for (uint32_t i = 0; i < len; i++) {
        pico_uart_putc(buf[i]);
    }
}

void snn_port_reboot(void)
{
    pico_reboot(); /* returns where no watchdog reset happens (an emulator): the core restarts itself */
}

static void unexpected_irq(void)
{
    for (;;) {
    }
}

/* IRQ vectors 0..20 right after the 16 system vectors of ports/cortex-m/startup.c */
__attribute__((section(".vectors_irq"), used)) static void (*const irq_vectors[UART0_IRQ + 1])(void) = {
    [0 ... UART0_IRQ - 1] = unexpected_irq,
    [UART0_IRQ] = uart0_irq_handler,
};

int main(void)
{
    pico_clocks_init();
    pico_uart_init(1);
    flash_init();
    snn_fw_run();
    for (;;) {
    }
}
