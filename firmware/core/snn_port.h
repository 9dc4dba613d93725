/*
 * Everything a port supplies (docs/porting.md). The core calls these and nothing else of the board.
 * All functions are called from one thread; none is called from an interrupt.
 */
#ifndef SNN_PORT_H
#define SNN_PORT_H

#include <stdint.h>

/* What the board reports in DeviceInfo. */
typedef struct {
    const char *profile;     /* device profile name, e.g. "stm32f411" (docs/device-spec.md section 12) */
    uint32_t flash_bytes;    /* whole flash, as the profile says */
    uint32_t ram_bytes;
} snn_port_info;

const snn_port_info *snn_port_info_get(void);

/*
 * NOR flash for the model store: snn_port_flash_size() bytes, erased in sectors of
 * snn_port_flash_sector() bytes to 0xFF; programming only clears bits (new = old & data).
 * The whole area must be readable through snn_port_flash_map() (memory-mapped flash, or RAM), 4-byte
 * aligned: the loop reads the model in place from it.
 */
uint32_t snn_port_flash_size(void);
uint32_t snn_port_flash_sector(void);
const uint8_t *snn_port_flash_map(void);
/* Erases the sector starting at addr (a multiple of the sector size). 0 or -1 on failure. */
int snn_port_flash_erase(uint32_t addr);
/* Programs len bytes at any addr, any alignment (the port buffers partial words or pages). 0 or -1. */
int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len);

/* Serial line: blocks until at least one byte arrived, returns how many were stored (1..max), or
 * -1 when the line is gone for good (host port: end of input), which ends snn_fw_run. */
int32_t snn_port_serial_read(uint8_t *buf, uint32_t max);
/* Writes all len bytes (blocking). */
void snn_port_serial_write(const uint8_t *buf, uint32_t len);

/* Reboots the board after a Reset request was answered. A port that cannot reboot returns, and the
 * core then restarts itself from flash (same effect: every RAM state is rebuilt). */
void snn_port_reboot(void);

#endif
