/*
 * The model store on the STM32F411's own flash: the snn_port_flash_* functions of the real board.
 *
 * The store (core/snn_store.h) wants uniform erase sectors and reads journal and slots in place
 * through one map. The F411 has sectors of 4 x 16, 1 x 64 and 3 x 128 KiB. The port reports a
 * uniform 16 KiB store sector, maps the store area 1:1 onto the flash at 0x08000000, and translates
 * each erase of a 16 KiB store sector into the erase of the physical sector holding it:
 *
 *   store offset     physical sector     role
 *   0x00000-0x07FFF  0, 1 (16 KiB each)  firmware (SNN_FIRMWARE_RESERVE, 32 KiB; never erased here)
 *   0x08000-0x0BFFF  2 (16 KiB)          journal sector A
 *   0x0C000-0x0FFFF  3 (16 KiB)          journal sector B
 *   0x10000-0x3FFFF  4, 5 (64 + 128 KiB) model slot 0 (192 KiB)
 *   0x40000-0x6FFFF  6, 7 (2 x 128 KiB)  model slot 1 (192 KiB; the last 64 KiB of sector 7 unused)
 *
 * Store size 448 KiB, sector 16 KiB, so snn_store_mount computes exactly this: journal at 32 KiB and
 * 48 KiB, slot_bytes = (448 - 64) / 2 = 192 KiB. No physical sector is shared by two of the roles.
 *
 * Erase of store sector addr: when those 16 KiB already read 0xFF nothing is done; otherwise the
 * whole physical sector is erased. No data is lost because (1) a physical sector only ever holds
 * bytes of one role, (2) the journal sectors are exact, and (3) the core erases slot sectors only in
 * BeginUpload, for the slot being rewritten (never the active one), all of them in ascending order
 * before the first byte of the new image is programmed. So when a 64 or 128 KiB sector is erased,
 * the rest of it is stale data of the same upload slot. Erasing a 128 KiB sector takes 1-2 s (the
 * datasheet's typical/maximum), during which the CPU stalls on flash reads: the host waits for the
 * Begin answer anyway.
 *
 * Programming is byte-wise (PSIZE x8), so no partial words need merging: the flash keeps old & src.
 */
#include "f4_flash.h"
#include "snn_port.h"

#define STORE_BYTES (448u << 10)
#define STORE_SECTOR (16u << 10)
#define FIRST_STORE_BYTE (32u << 10) /* below: the firmware */

uint32_t snn_port_flash_size(void)
{
    return STORE_BYTES;
}

uint32_t snn_port_flash_sector(void)
{
    return STORE_SECTOR;
}

const uint8_t *snn_port_flash_map(void)
{
    return f4_io_flash();
}

int snn_port_flash_erase(uint32_t addr)
{
    if (addr % STORE_SECTOR != 0 || addr < FIRST_STORE_BYTE || addr > STORE_BYTES - STORE_SECTOR) {
        return -1;
    }
    const uint8_t *p = f4_io_flash() + addr;
    uint32_t i = 0;
    while (i < STORE_SECTOR && p[i] == 0xFF) {
        i++;
    }
    if (i == STORE_SECTOR) {
        return 0; /* already 0xFF: nothing to do (its physical sector was erased with an earlier one) */
    }
    return f4_flash_erase_sector(f4_sector_of(addr));
}

int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len)
{
    if (addr < FIRST_STORE_BYTE || addr > STORE_BYTES || len > STORE_BYTES - addr) {
        return -1;
    }
    return f4_flash_program(addr, src, len);
}
