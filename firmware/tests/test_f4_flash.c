/*
 * Host test of the nucleo-f411re flash driver (ports/nucleo-f411re/f4_flash.c) and of the port's
 * store translation (f4_store.c), against a model of the STM32F4 flash controller as RM0383
 * section 3 documents it:
 *   - CR is locked after reset; KEYR takes 0x45670123 then 0xCDEF89AB; a wrong key locks the
 *     controller until reset (the model then fails every later access: a bus error on the part);
 *   - sector erase (SER, SNB, STRT) sets the whole sector to 0xFF; byte programming (PG, PSIZE x8)
 *     can only clear bits (new = old & data);
 *   - BSY stays set for a few status reads after STRT or a write; writing CR or flash while BSY is
 *     a driver error; a flash write without PG (or with SER) sets PGSERR, with PSIZE not x8 PGPERR,
 *     into a write-protected sector WRPERR; error flags are cleared by writing 1.
 * Faults are injected (a cell that programs 0 -> 1, a cell stuck at 0 after erase, a write-
 * protected sector) to show the driver reports them: the test fails when the driver misses one.
 * On top, the core's store (core/snn_store.c) runs its journal and a slot through the port.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../ports/nucleo-f411re/f4_flash.h"
#include "snn_port.h"
#include "snn_store.h"
#include "expect.h"

/* ---- the controller model ---- */
static uint8_t mem[F4_FLASH_BYTES];
static uint32_t cr, sr, acr;
static int key_step;      /* 0: KEY1 expected, 1: KEY2 expected */
static int dead;          /* wrong key: locked until reset */
static int busy_reads;    /* BSY reads left */
static int violations;    /* driver errors the part would punish */
static uint32_t wrp_mask; /* write-protected sectors */
static int fault_or_write; /* fault: programming ORs (a 0 bit becomes 1) */
static long stuck_at = -1; /* fault: this byte stays 0x00 after an erase */
static int erases[F4_FLASH_SECTORS];

static void model_reset(void)
{
    memset(mem, 0xA5, sizeof mem); /* not erased */
    cr = F4_CR_LOCK;
    sr = 0;
    acr = 0;
    key_step = 0;
    dead = 0;
    busy_reads = 0;
    violations = 0;
    wrp_mask = 0;
    fault_or_write = 0;
    stuck_at = -1;
    memset(erases, 0, sizeof erases);
}

static void violation(const char *what)
{
    fprintf(stderr, "  model: %s\n", what);
    violations++;
}

uint32_t f4_io_read32(uint32_t addr)
{
    if (dead) {
        violation("access after a wrong key sequence");
    }
    switch (addr) {
    case F4_SR:
        if (busy_reads > 0) {
            busy_reads--;
            return sr | F4_SR_BSY;
        }
        return sr;
    case F4_CR:
        return cr;
    case F4_ACR:
        return acr;
    default:
        violation("read of an unknown register");
        return 0;
    }
}

static void start_erase(void)
{
    uint32_t n = (cr & F4_CR_SNB_MASK) >> F4_CR_SNB_SHIFT;
    if ((cr & F4_CR_PG) != 0 || n >= F4_FLASH_SECTORS) {
        sr |= F4_SR_PGSERR;
        return;
    }
    if ((wrp_mask >> n) & 1u) {
        sr |= F4_SR_WRPERR;
        return;
    }
    memset(mem + f4_sector_start(n), 0xFF, f4_sector_bytes(n));
    if (stuck_at >= (long)f4_sector_start(n) && stuck_at < (long)(f4_sector_start(n) + f4_sector_bytes(n))) {
        mem[stuck_at] = 0;
    }
    erases[n]++;
    busy_reads = 3;
    sr |= F4_SR_EOP;
}

void f4_io_write32(uint32_t addr, uint32_t value)
{
    if (dead) {
        violation("access after a wrong key sequence");
        return;
    }
    switch (addr) {
    case F4_KEYR:
        if ((cr & F4_CR_LOCK) == 0 || value != (key_step == 0 ? F4_KEY1 : F4_KEY2)) {
            dead = 1; /* RM0383: a wrong sequence locks FLASH_CR until the next reset */
            violation("wrong unlock sequence");
            return;
        }
        if (++key_step == 2) {
            cr &= ~F4_CR_LOCK;
            key_step = 0;
        }
        return;
    case F4_SR:
        sr &= ~(value & (F4_SR_ERRORS | F4_SR_EOP)); /* write 1 to clear */
        return;
    case F4_CR:
        if (busy_reads > 0) {
            violation("CR written while BSY");
        }
        if ((cr & F4_CR_LOCK) != 0) {
            return; /* locked: ignored */
        }
        cr = value;
        if ((cr & F4_CR_STRT) != 0) {
            cr &= ~F4_CR_STRT;
            if ((cr & F4_CR_SER) != 0) {
                start_erase();
            } else {
                sr |= F4_SR_PGSERR;
            }
        }
        return;
    case F4_ACR:
        acr = value & ~(F4_ACR_ICRST | F4_ACR_DCRST);
        if ((value & (F4_ACR_ICRST | F4_ACR_DCRST)) != 0 && (value & (F4_ACR_ICEN | F4_ACR_DCEN)) != 0) {
            violation("cache reset while the cache is enabled");
        }
        return;
    default:
        violation("write to an unknown register");
    }
}

void f4_io_write8(uint32_t addr, uint8_t value)
{
    if (dead) {
        violation("flash write after a wrong key sequence");
        return;
    }
    if (addr < F4_FLASH_BASE || addr >= F4_FLASH_BASE + F4_FLASH_BYTES) {
        violation("write outside the flash");
        return;
    }
    if (busy_reads > 0) {
        violation("flash written while BSY");
    }
    uint32_t off = addr - F4_FLASH_BASE;
    if ((cr & F4_CR_LOCK) != 0 || (cr & F4_CR_PG) == 0 || (cr & F4_CR_SER) != 0) {
        sr |= F4_SR_PGSERR;
        return;
    }
    if ((cr & F4_CR_PSIZE_MASK) != 0) {
        sr |= F4_SR_PGPERR; /* a byte write needs PSIZE x8 */
        return;
    }
    if ((wrp_mask >> f4_sector_of(off)) & 1u) {
        sr |= F4_SR_WRPERR;
        return;
    }
    mem[off] = fault_or_write ? (uint8_t)(mem[off] | value) : (uint8_t)(mem[off] & value);
    busy_reads = 1;
    sr |= F4_SR_EOP;
}

const uint8_t *f4_io_flash(void)
{
    return mem;
}

/* snn_port_info for snn_store (not used by it, but part of the port) */
static const snn_port_info info = {"nucleo-f411re", F4_FLASH_BYTES, 128u << 10};
const snn_port_info *snn_port_info_get(void) { return &info; }

static int all(const uint8_t *p, uint32_t n, uint8_t v)
{
    for (uint32_t i = 0; i < n; i++) {
        if (p[i] != v) {
            return 0;
        }
    }
    return 1;
}

static void test_sectors(void)
{
    EXPECT(f4_sector_of(0) == 0 && f4_sector_of(0x3FFF) == 0 && f4_sector_of(0x4000) == 1, "16 KiB sectors");
    EXPECT(f4_sector_of(0xFFFF) == 3 && f4_sector_of(0x10000) == 4 && f4_sector_of(0x1FFFF) == 4, "64 KiB sector");
    EXPECT(f4_sector_of(0x20000) == 5 && f4_sector_of(0x40000) == 6 && f4_sector_of(0x7FFFF) == 7, "128 KiB sectors");
    uint32_t total = 0;
    for (uint32_t n = 0; n < F4_FLASH_SECTORS; n++) {
        EXPECT(f4_sector_start(n) == total, "sectors are contiguous");
        total += f4_sector_bytes(n);
    }
    EXPECT(total == F4_FLASH_BYTES, "8 sectors make 512 KiB");
}

static void test_driver(void)
{
    model_reset();
    EXPECT(f4_flash_erase_sector(5) == 0, "erase sector 5");
    EXPECT(all(mem + 0x20000, 0x20000, 0xFF), "sector 5 reads 0xFF");
    EXPECT(all(mem + 0x1F000, 0x1000, 0xA5) && all(mem + 0x40000, 0x1000, 0xA5), "neighbours untouched");
    EXPECT((cr & F4_CR_LOCK) != 0, "locked again after the erase");
    EXPECT(erases[5] == 1, "one erase");

    uint8_t data[300];
    for (uint32_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)(i * 37 + 11);
    }
    EXPECT(f4_flash_program(0x20003, data, sizeof data) == 0, "program 300 bytes at an odd offset");
    EXPECT(memcmp(mem + 0x20003, data, sizeof data) == 0, "programmed bytes read back");
    EXPECT(mem[0x20002] == 0xFF && mem[0x20003 + sizeof data] == 0xFF, "bytes around untouched");
    /* NOR: programming again ANDs; a 1 over a 0 leaves the 0 (that is the contract, not an error) */
    uint8_t ones[4] = {0xFF, 0xFF, 0x0F, 0xF0};
    uint8_t before[4];
    memcpy(before, mem + 0x20003, 4);
    EXPECT(f4_flash_program(0x20003, ones, 4) == 0, "re-program");
    for (int i = 0; i < 4; i++) {
        EXPECT(mem[0x20003 + i] == (uint8_t)(before[i] & ones[i]), "new = old & data");
    }
    EXPECT((cr & F4_CR_LOCK) != 0 && (cr & F4_CR_PG) == 0, "PG cleared and locked after programming");
    EXPECT(f4_flash_program(F4_FLASH_BYTES - 2, data, 4) == -1, "program past the end refused");
    EXPECT(f4_flash_erase_sector(8) == -1, "no sector 8");
    EXPECT(violations == 0, "no controller misuse");

    /* injected faults must be reported */
    model_reset();
    fault_or_write = 1; /* a cell that goes 0 -> 1 when programmed */
    memset(mem + 0x30000, 0x0F, 16);
    uint8_t ff[16];
    memset(ff, 0xF5, sizeof ff); /* 0x0F & 0xF5 = 0x05; the faulty cell gives 0xFF */
    EXPECT(f4_flash_program(0x30000, ff, sizeof ff) == -1, "a 0 bit turned to 1 by programming is caught");
    fault_or_write = 0;

    model_reset();
    stuck_at = 0x40123;
    EXPECT(f4_flash_erase_sector(6) == -1, "a byte not 0xFF after erase is caught");

    model_reset();
    wrp_mask = 1u << 7;
    EXPECT(f4_flash_erase_sector(7) == -1, "WRPERR on erase reported");
    EXPECT((sr & F4_SR_ERRORS) == 0, "error flags cleared by the driver");
    EXPECT(f4_flash_program(0x60000, data, 8) == -1, "WRPERR on program reported");
    EXPECT(f4_flash_erase_sector(6) == 0, "the next operation works");
    EXPECT(violations == 0, "no controller misuse with faults");

    /* a stale error flag from before must not fail the next operation */
    model_reset();
    sr = F4_SR_PGSERR;
    EXPECT(f4_flash_erase_sector(2) == 0, "stale PGSERR cleared before erasing");
    EXPECT(violations == 0, "no misuse");
}

/* ---- the store on the port: journal in sectors 2-3, slots in 4-5 and 6-7 ---- */
static void test_store(void)
{
    model_reset();
    memset(mem, 0xFF, sizeof mem); /* a fresh part */
    memset(mem, 0x11, 32u << 10);  /* the firmware */
    EXPECT(snn_port_flash_sector() == 16384 && snn_port_flash_size() == (448u << 10), "16 KiB sectors, 448 KiB");
    snn_store s;
    EXPECT(snn_store_mount(&s) == 0, "mount");
    EXPECT(s.journal_a == 0x8000 && s.journal_b == 0xC000, "journal in sectors 2 and 3");
    EXPECT(s.slot0 == 0x10000 && s.slot_bytes == (192u << 10), "slots of 192 KiB at sector 4");
    EXPECT(snn_store_slot_addr(&s, 1) == 0x40000, "slot 1 at sector 6");
    EXPECT(snn_port_flash_erase(0x4000) == -1 && snn_port_flash_program(0x7FFF, (const uint8_t *)"x", 1) == -1,
           "firmware sectors refused");

    /* upload into slot 0 the way BeginUpload and Chunk do: erase every store sector, then program */
    static uint8_t img[190u << 10];
    srand(13);
    for (uint32_t i = 0; i < sizeof img; i++) {
        img[i] = (uint8_t)rand();
    }
    memset(mem + 0x10000, 0x00, 0x30000); /* stale data in slot 0 */
    for (uint32_t off = 0; off < sizeof img; off += s.sector) {
        EXPECT(snn_port_flash_erase(s.slot0 + off) == 0, "erase slot 0 sector");
    }
    EXPECT(erases[4] == 1 && erases[5] == 1, "slot 0: sectors 4 and 5 erased once each");
    EXPECT(erases[6] == 0 && erases[7] == 0 && erases[2] == 0, "no other sector erased");
    for (uint32_t off = 0; off < sizeof img; off += 1000) {
        uint32_t n = sizeof img - off < 1000 ? (uint32_t)(sizeof img - off) : 1000;
        EXPECT(snn_port_flash_program(s.slot0 + off, img + off, n) == 0, "program a chunk");
    }
    EXPECT(memcmp(snn_port_flash_map() + s.slot0, img, sizeof img) == 0, "slot 0 reads back through the map");

    /* journal: enough records to wrap both 16 KiB sectors several times */
    snn_jstate st = s.state;
    for (uint32_t k = 0; k < 800; k++) {
        st.active_slot = 0;
        st.active_size = k;
        st.upload_slot = SNN_NO_SLOT;
        if (snn_store_append(&s, &st) != 0) {
            EXPECT(0, "append");
            break;
        }
    }
    EXPECT(erases[2] >= 2 && erases[3] >= 1, "journal sectors erased when they fill (a blank one is skipped)");
    snn_store t;
    EXPECT(snn_store_mount(&t) == 0 && t.seq == 800 && t.state.active_size == 799 && t.state.active_slot == 0,
           "state survives a remount");

    /* now upload into slot 1 while slot 0 is active: slot 0 and the journal must be untouched */
    memset(mem + 0x40000, 0x00, 0x40000);
    for (uint32_t off = 0; off < sizeof img; off += s.sector) {
        EXPECT(snn_port_flash_erase(snn_store_slot_addr(&s, 1) + off) == 0, "erase slot 1 sector");
    }
    EXPECT(erases[6] == 1 && erases[7] == 1 && erases[4] == 1 && erases[5] == 1, "slot 1: sectors 6 and 7 only");
    EXPECT(memcmp(snn_port_flash_map() + s.slot0, img, sizeof img) == 0, "slot 0 intact");
    EXPECT(snn_store_mount(&t) == 0 && t.seq == 800, "journal intact");
    EXPECT((cr & F4_CR_LOCK) != 0, "locked at rest");
    EXPECT(violations == 0, "no controller misuse by the store");
}

int main(void)
{
    test_sectors();
    test_driver();
    test_store();
    if (failures != 0) {
        fprintf(stderr, "test_f4_flash: %d failed\n", failures);
        return 1;
    }
    printf("test_f4_flash: all passed\n");
    return 0;
}
