/* STM32F4 flash controller driver (see f4_flash.h). */
#include "f4_flash.h"

uint32_t f4_sector_start(uint32_t n)
{
    if (n < 4) {
        return n * (16u << 10);
    }
    if (n == 4) {
        return 64u << 10;
    }
    return (n - 4) * (128u << 10);
}

uint32_t f4_sector_bytes(uint32_t n)
{
    return n < 4 ? 16u << 10 : n == 4 ? 64u << 10 : 128u << 10;
}

uint32_t f4_sector_of(uint32_t off)
{
    uint32_t n = 0;
    while (n + 1 < F4_FLASH_SECTORS && off >= f4_sector_start(n + 1)) {
        n++;
    }
    return n;
}

static void wait_idle(void)
{
    while ((f4_io_read32(F4_SR) & F4_SR_BSY) != 0) {
    }
}

/* Clears any stale error flag (write 1 to clear) and unlocks CR; 0 when CR is unlocked. */
static int unlock(void)
{
    wait_idle();
    f4_io_write32(F4_SR, F4_SR_ERRORS | F4_SR_EOP);
    if ((f4_io_read32(F4_CR) & F4_CR_LOCK) != 0) {
        f4_io_write32(F4_KEYR, F4_KEY1);
        f4_io_write32(F4_KEYR, F4_KEY2);
    }
    return (f4_io_read32(F4_CR) & F4_CR_LOCK) != 0 ? -1 : 0;
}

static void lock(void)
{
    f4_io_write32(F4_CR, F4_CR_LOCK);
}

/* After an erase the ART accelerator's caches may still hold the old contents: reset them. */
static void flush_caches(void)
{
    uint32_t acr = f4_io_read32(F4_ACR);
    f4_io_write32(F4_ACR, acr & ~(F4_ACR_ICEN | F4_ACR_DCEN));
    f4_io_write32(F4_ACR, (acr & ~(F4_ACR_ICEN | F4_ACR_DCEN)) | F4_ACR_ICRST | F4_ACR_DCRST);
    f4_io_write32(F4_ACR, acr & ~(F4_ACR_ICEN | F4_ACR_DCEN | F4_ACR_ICRST | F4_ACR_DCRST));
    f4_io_write32(F4_ACR, acr & ~(F4_ACR_ICRST | F4_ACR_DCRST));
}

int f4_flash_erase_sector(uint32_t n)
{
    if (n >= F4_FLASH_SECTORS || unlock() != 0) {
        return -1;
    }
    f4_io_write32(F4_CR, F4_CR_SER | (n << F4_CR_SNB_SHIFT)); /* PSIZE x8 */
    f4_io_write32(F4_CR, F4_CR_SER | (n << F4_CR_SNB_SHIFT) | F4_CR_STRT);
    wait_idle();
    uint32_t sr = f4_io_read32(F4_SR);
    f4_io_write32(F4_CR, 0);
    lock();
    flush_caches();
    if ((sr & F4_SR_ERRORS) != 0) {
        f4_io_write32(F4_SR, F4_SR_ERRORS);
        return -1;
    }
    const uint8_t *p = f4_io_flash() + f4_sector_start(n);
    for (uint32_t i = 0; i < f4_sector_bytes(n); i++) {
        if (p[i] != 0xFF) {
            return -1;
        }
    }
    return 0;
}

int f4_flash_program(uint32_t off, const uint8_t *src, uint32_t len)
{
    if (off > F4_FLASH_BYTES || len > F4_FLASH_BYTES - off) {
        return -1;
    }
    if (len == 0) {
        return 0;
    }
    if (unlock() != 0) {
        return -1;
    }
    const uint8_t *flash = f4_io_flash();
    int rc = 0;
    f4_io_write32(F4_CR, F4_CR_PG); /* PSIZE x8 */
    for (uint32_t i = 0; i < len; i++) {
        uint8_t want = (uint8_t)(flash[off + i] & src[i]);
        if (want != flash[off + i]) { /* a byte that would not change needs no program cycle */
            f4_io_write8(F4_FLASH_BASE + off + i, src[i]);
            wait_idle();
            if ((f4_io_read32(F4_SR) & F4_SR_ERRORS) != 0) {
                f4_io_write32(F4_SR, F4_SR_ERRORS);
                rc = -1;
                break;
            }
        }
        if (flash[off + i] != want) {
            rc = -1;
            break;
        }
    }
    f4_io_write32(F4_CR, 0);
    lock();
    return rc;
}
