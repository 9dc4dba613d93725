/*
 * Where the golden checker and the benchmark put an image on the micro:bit: 16 KB of RAM cannot hold
 * a 784x400 image, so it is programmed into flash through the NVMC, page by page from semihosting
 * reads, and the loop reads it in place, as the firmware does. It goes right after the program's
 * first 32 KB (the firmware reserve, where the checker itself lives).
 *
 * The 8-bit 784x400 golden image (321,088 bytes) is larger than the chip's 256 KB: `make test-qemu`
 * runs QEMU with a larger emulated flash (board.mk, QEMU_TEST_OPTS) and passes its size as
 * GOLDEN_FLASH_BYTES; an image that still does not fit is refused with both sizes.
 */
#include <stdint.h>
#include "golden_io.h"
#include "nrf51.h"
#include "snn_fmt.h"
#include "snn_store.h"

#ifndef GOLDEN_FLASH_BYTES
#define GOLDEN_FLASH_BYTES NRF51_FLASH_BYTES
#endif

static uint32_t buf[256 / 4];

const uint8_t *gio_image_load(int h, uint32_t len, char *why, uint32_t cap)
{
    snn_fmt f;
    snn_fmt_init(&f, why, cap);
    const uint32_t base = SNN_FIRMWARE_RESERVE;
    if (len > GOLDEN_FLASH_BYTES - base) {
        snn_fmt_str(&f, "image of ");
        snn_fmt_u32(&f, len);
        snn_fmt_str(&f, " bytes does not fit the ");
        snn_fmt_u32(&f, GOLDEN_FLASH_BYTES - base);
        snn_fmt_str(&f, " bytes of flash after the program");
        return 0;
    }
    for (uint32_t off = 0; off < len; off += sizeof buf) {
        if (off % NRF51_PAGE == 0) {
            nrf51_erase_page(base + off);
        }
        uint32_t k = len - off < sizeof buf ? len - off : sizeof buf;
        buf[(k - 1) / 4] = 0xFFFFFFFFu; /* a partial last word keeps erased bytes */
        if (gio_read(h, (uint8_t *)buf, k) != 0) {
            snn_fmt_str(&f, "cannot read the image");
            return 0;
        }
        for (uint32_t i = 0; i < (k + 3) / 4; i++) {
            nrf51_write_word(base + off + 4 * i, buf[i]);
        }
    }
    return (const uint8_t *)base;
}
