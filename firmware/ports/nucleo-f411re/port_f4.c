/*
 * The nucleo-f411re port (STM32F411RE, Cortex-M4F, no vendor library), and the same port built for
 * QEMU's netduinoplus2 (STM32F405, same USART, RCC not emulated) with -DSNN_F4_QEMU.
 *
 * Clock: HSI 16 MHz -> PLL (M=8, N=100, P=2) -> SYSCLK 100 MHz, AHB 100 MHz, APB1 50 MHz (its
 * maximum), APB2 100 MHz; voltage scale 1, 3 flash wait states, prefetch and ART caches on.
 * QEMU: no clock set-up (its RCC is an unimplemented device that reads 0, so waiting for PLLRDY
 * would hang); the USART there ignores the baud rate.
 *
 * Serial: USART2 on PA2 (TX) / PA3 (RX), AF7, the ST-LINK virtual COM port; 115200 8N1
 * (BRR = 50 MHz / 115200 = 434.0). Received bytes go into an 8 KiB ring from the RXNE interrupt
 * (IRQ 38), so nothing is lost during an inference or a flash operation of up to 8 KiB of traffic.
 *
 * Store: on the board, the F411's flash (f4_store.c, driver f4_flash.c). Under QEMU (no flash
 * controller emulated, flash read-only) the store is in the first 136 KiB of QEMU's 192 KiB SRAM,
 * with NOR semantics; variables and stack are in the last 56 KiB (see f405-qemu.ld).
 */
#include <stdint.h>
#include "snn_fw.h"
#include "snn_port.h"

#define REG(a) (*(volatile uint32_t *)(a))

#define RCC 0x40023800u
#define RCC_CR REG(RCC + 0x00u)
#define RCC_PLLCFGR REG(RCC + 0x04u)
#define RCC_CFGR REG(RCC + 0x08u)
#define RCC_AHB1ENR REG(RCC + 0x30u)
#define RCC_APB1ENR REG(RCC + 0x40u)
#define PWR_CR REG(0x40007000u)
#define FLASH_ACR REG(0x40023C00u)
#define GPIOA 0x40020000u
#define GPIOA_MODER REG(GPIOA + 0x00u)
#define GPIOA_OSPEEDR REG(GPIOA + 0x08u)
#define GPIOA_PUPDR REG(GPIOA + 0x0Cu)
#define GPIOA_AFRL REG(GPIOA + 0x20u)

#define USART2 0x40004400u
#define USART_SR REG(USART2 + 0x00u)
#define USART_DR REG(USART2 + 0x04u)
#define USART_BRR REG(USART2 + 0x08u)
#define USART_CR1 REG(USART2 + 0x0Cu)
#define SR_ORE (1u << 3)
#define SR_RXNE (1u << 5)
#define SR_TC (1u << 6)
#define SR_TXE (1u << 7)
#define CR1_UE (1u << 13)
#define CR1_RXNEIE (1u << 5)
#define CR1_TE (1u << 3)
#define CR1_RE (1u << 2)
#define USART2_IRQ 38u

#define NVIC_ISER(n) REG(0xE000E100u + 4u * (n))
#define SCB_VTOR REG(0xE000ED08u)
#define SCB_AIRCR REG(0xE000ED0Cu)

#ifdef SNN_F4_QEMU
static const snn_port_info info = {"nucleo-f411re-qemu", (32u + 136u) << 10, 192u << 10} /* store area, SRAM */;
#else
static const snn_port_info info = {"nucleo-f411re", 512u << 10, 128u << 10};
#endif

const snn_port_info *snn_port_info_get(void)
{
    return &info;
}

/* ---- receive ring, filled by the USART2 interrupt ---- */
#define RING_BYTES 8192u
static uint8_t ring[RING_BYTES];
static volatile uint32_t ring_head; /* written by the interrupt */
static volatile uint32_t ring_tail; /* written by the main loop */
volatile uint32_t snn_rx_dropped;   /* bytes lost to a full ring or a hardware overrun */

void usart2_irq_handler(void);
void usart2_irq_handler(void)
{
    uint32_t sr = USART_SR;
    if ((sr & (SR_RXNE | SR_ORE)) != 0) {
        uint8_t c = (uint8_t)USART_DR; /* reading SR then DR also clears ORE */
        if ((sr & SR_ORE) != 0) {
            snn_rx_dropped++;
        }
        uint32_t h = ring_head;
        if (h - ring_tail < RING_BYTES) {
            ring[h % RING_BYTES] = c;
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
        __asm__ volatile("wfi\n cpsie i" ::: "memory"); /* a pending interrupt wakes WFI */
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
        while ((USART_SR & SR_TXE) == 0) {
        }
        USART_DR = buf[i];
    }
}

void snn_port_reboot(void)
{
    while ((USART_SR & SR_TC) == 0) { /* let the answer leave first */
    }
    __asm__ volatile("dsb" ::: "memory");
    SCB_AIRCR = 0x05FA0004u; /* VECTKEY | SYSRESETREQ */
    for (;;) {
    }
}

/* ---- IRQ vectors 0..38 follow the 16 system vectors of ports/cortex-m/startup.c (the linker
 * script places .vectors_irq right after .vectors) ---- */
static void unexpected_irq(void)
{
    for (;;) {
    }
}

__attribute__((section(".vectors_irq"), used)) static void (*const irq_vectors[USART2_IRQ + 1])(void) = {
    [0 ... USART2_IRQ - 1] = unexpected_irq,
    [USART2_IRQ] = usart2_irq_handler,
};

#ifdef SNN_F4_QEMU
/* ---- QEMU: the store in SRAM (0x20000000, 136 KiB), NOR semantics ----
 * The store's first 32 KiB (the firmware reserve, never read or written by the core) would lie
 * below SRAM: the map starts 32 KiB before it. 136 KiB = 2 journal sectors of 4 KiB + 2 slots of
 * 64 KiB. A marker in never-zeroed RAM (.noinit) says whether the store was formatted (QEMU keeps
 * RAM across a system reset, and starts it at zero, not 0xFF). */
#define STORE_RAM 0x20000000u
#define STORE_RAM_BYTES (136u << 10)
#define STORE_RESERVE (32u << 10)
#define FLASH_BYTES (STORE_RESERVE + STORE_RAM_BYTES)
#define FLASH_SECTOR 4096u
#define FLASH_FORMATTED 0xF1A5F1A5u
__attribute__((section(".noinit"))) static volatile uint32_t store_marker;

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
    return (const uint8_t *)(uintptr_t)(STORE_RAM - STORE_RESERVE);
}

int snn_port_flash_erase(uint32_t addr)
{
    if (addr % FLASH_SECTOR != 0 || addr < STORE_RESERVE || addr > FLASH_BYTES - FLASH_SECTOR) {
        return -1;
    }
    volatile uint32_t *p = (volatile uint32_t *)(uintptr_t)(STORE_RAM - STORE_RESERVE + addr);
    for (uint32_t i = 0; i < FLASH_SECTOR / 4; i++) {
        p[i] = 0xFFFFFFFFu;
    }
    return 0;
}

int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len)
{
    if (addr < STORE_RESERVE || addr > FLASH_BYTES || len > FLASH_BYTES - addr) {
        return -1;
    }
    volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)(STORE_RAM - STORE_RESERVE + addr);
    for (uint32_t i = 0; i < len; i++) {
        p[i] = (uint8_t)(p[i] & src[i]); /* NOR: programming only clears bits */
    }
    return 0;
}

static void store_init(void)
{
    if (store_marker != FLASH_FORMATTED) {
        for (uint32_t a = STORE_RESERVE; a < FLASH_BYTES; a += FLASH_SECTOR) {
            snn_port_flash_erase(a);
        }
        store_marker = FLASH_FORMATTED;
    }
}

static void clock_init(void)
{
}
#else
/* ---- the board: flash driver access (f4_flash.h), clocks ---- */
#include "f4_flash.h"

uint32_t f4_io_read32(uint32_t addr)
{
    return REG(addr);
}

void f4_io_write32(uint32_t addr, uint32_t value)
{
    REG(addr) = value;
}

void f4_io_write8(uint32_t addr, uint8_t value)
{
    *(volatile uint8_t *)addr = value;
    __asm__ volatile("dsb" ::: "memory");
}

const uint8_t *f4_io_flash(void)
{
    return (const uint8_t *)F4_FLASH_BASE;
}

static void store_init(void)
{
}

static void clock_init(void)
{
    RCC_APB1ENR |= 1u << 28;                        /* PWREN */
    PWR_CR = (PWR_CR & ~(3u << 14)) | (3u << 14);   /* VOS scale 1 (up to 100 MHz) */
    FLASH_ACR = 3u | (1u << 8) | (1u << 9) | (1u << 10); /* 3 wait states, prefetch, I and D cache */
    while ((FLASH_ACR & 0xFu) != 3u) {
    }
    RCC_CR |= 1u; /* HSION (on after reset) */
    while ((RCC_CR & 2u) == 0) {
    }
    /* PLLM=8 (2 MHz VCO input), PLLN=100 (200 MHz VCO), PLLP=/2 (100 MHz), PLLQ=4, source HSI */
    RCC_PLLCFGR = (RCC_PLLCFGR & ~(0x3Fu | (0x1FFu << 6) | (3u << 16) | (1u << 22) | (0xFu << 24))) /* keep reserved bits */
                  | 8u | (100u << 6) | (0u << 16) | (0u << 22) | (4u << 24);
    RCC_CR |= 1u << 24; /* PLLON */
    while ((RCC_CR & (1u << 25)) == 0) {
    }
    RCC_CFGR = (RCC_CFGR & ~0xFCF0u) | (4u << 10); /* HPRE /1, PPRE1 /2, PPRE2 /1 */
    RCC_CFGR = (RCC_CFGR & ~3u) | 2u;              /* SW = PLL */
    while ((RCC_CFGR & 0xCu) != 0x8u) {
    }
}
#endif

#ifdef SNN_F4_QEMU
#define PCLK1_HZ 16000000u
#else
#define PCLK1_HZ 50000000u
#endif

int main(void)
{
    SCB_VTOR = 0x08000000u;
    clock_init();
    RCC_AHB1ENR |= 1u;       /* GPIOA */
    RCC_APB1ENR |= 1u << 17; /* USART2 */
    (void)RCC_APB1ENR;
    GPIOA_MODER = (GPIOA_MODER & ~(0xFu << 4)) | (0xAu << 4);      /* PA2, PA3 alternate function */
    GPIOA_OSPEEDR |= 0xFu << 4;                                    /* high speed */
    GPIOA_PUPDR = (GPIOA_PUPDR & ~(0xFu << 4)) | (0x4u << 4);      /* pull-up on PA3 (RX) */
    GPIOA_AFRL = (GPIOA_AFRL & ~(0xFFu << 8)) | (0x77u << 8);      /* AF7 = USART2 */
    USART_BRR = (PCLK1_HZ + 115200u / 2) / 115200u;                /* 16x oversampling */
    USART_CR1 = CR1_UE | CR1_TE | CR1_RE | CR1_RXNEIE;
    NVIC_ISER(USART2_IRQ / 32) = 1u << (USART2_IRQ % 32);
    store_init();
    snn_fw_run();
    for (;;) {
    }
}
