/*
 * Register-level driver of the STM32F4 flash controller (RM0383 section 3, the F411's; the F405's
 * is the same): unlock, sector erase, byte programming, error flags. No vendor library.
 *
 * Every access goes through the f4_io_* functions below, which the port defines as plain volatile
 * accesses (port_f4.c) and the host test (tests/test_f4_flash.c) defines as a model of the
 * controller, so the driver's sequences are tested on the host.
 */
#ifndef F4_FLASH_H
#define F4_FLASH_H

#include <stdint.h>

#define F4_FLASH_BASE 0x08000000u
#define F4_FLASH_BYTES (512u << 10) /* STM32F411RE */
#define F4_FLASH_SECTORS 8u

#define F4_FLASH_REGS 0x40023C00u
#define F4_ACR (F4_FLASH_REGS + 0x00u)
#define F4_KEYR (F4_FLASH_REGS + 0x04u)
#define F4_SR (F4_FLASH_REGS + 0x0Cu)
#define F4_CR (F4_FLASH_REGS + 0x10u)

#define F4_KEY1 0x45670123u
#define F4_KEY2 0xCDEF89ABu

#define F4_SR_EOP (1u << 0)
#define F4_SR_OPERR (1u << 1)
#define F4_SR_WRPERR (1u << 4)
#define F4_SR_PGAERR (1u << 5)
#define F4_SR_PGPERR (1u << 6)
#define F4_SR_PGSERR (1u << 7)
#define F4_SR_RDERR (1u << 8)
#define F4_SR_ERRORS (F4_SR_OPERR | F4_SR_WRPERR | F4_SR_PGAERR | F4_SR_PGPERR | F4_SR_PGSERR | F4_SR_RDERR)
#define F4_SR_BSY (1u << 16)

#define F4_CR_PG (1u << 0)
#define F4_CR_SER (1u << 1)
#define F4_CR_MER (1u << 2)
#define F4_CR_SNB_SHIFT 3u
#define F4_CR_SNB_MASK (0xFu << F4_CR_SNB_SHIFT)
#define F4_CR_PSIZE_MASK (3u << 8) /* 00: x8, byte programming (any supply voltage) */
#define F4_CR_STRT (1u << 16)
#define F4_CR_LOCK (1u << 31)

#define F4_ACR_ICEN (1u << 9)
#define F4_ACR_DCEN (1u << 10)
#define F4_ACR_ICRST (1u << 11)
#define F4_ACR_DCRST (1u << 12)

/* The indirection: 32-bit register access, one byte written to (programmed into) flash, and the
 * flash as the CPU reads it (0x08000000 on the part). */
uint32_t f4_io_read32(uint32_t addr);
void f4_io_write32(uint32_t addr, uint32_t value);
void f4_io_write8(uint32_t addr, uint8_t value);
const uint8_t *f4_io_flash(void);

/* Offset and length (bytes) of physical sector n (0..7): 4 x 16 KiB, 1 x 64 KiB, 3 x 128 KiB. */
uint32_t f4_sector_start(uint32_t n);
uint32_t f4_sector_bytes(uint32_t n);
/* The sector holding flash offset off (< F4_FLASH_BYTES). */
uint32_t f4_sector_of(uint32_t off);

/* Erases physical sector n; 0, or -1 (locked, error flag, or a byte not 0xFF afterwards). */
int f4_flash_erase_sector(uint32_t n);
/* Programs len bytes at flash offset off, byte by byte (PSIZE x8): the flash keeps old & src. Checks
 * the flags and reads every byte back (must be old & src); 0 or -1. */
int f4_flash_program(uint32_t off, const uint8_t *src, uint32_t len);

#endif
