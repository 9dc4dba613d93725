/*
 * The model store: two slots and a journal in flash, the layout and record format of firmware-sim's
 * snn.sim.board.FlashLayout and Journal, so a flash image is the same on both implementations.
 *
 *   0                 reserve              reserve+2*sector
 *   +-----------------+---------+---------+-------------------+-------------------+
 *   | firmware (kept  | journal | journal | model slot 0      | model slot 1      |
 *   | free)           | sector A| sector B| slot_bytes        | slot_bytes        |
 *   +-----------------+---------+---------+-------------------+-------------------+
 *
 * Journal record, 96 bytes, little-endian, appended at sector + k*96; the valid record with the
 * highest sequence number is the state:
 *    0 magic "SNNJ" | 4 seq | 8 active slot (0/1/0xFF) | 9 upload slot (0/1/0xFF) | 10 u16 0
 *   12 active size | 16 active SHA-256 | 48 upload size | 52 upload offset | 56 upload SHA-256
 *   88 u32 0 | 92 CRC-32 of bytes 0..91
 */
#ifndef SNN_STORE_H
#define SNN_STORE_H

#include <stdint.h>

#define SNN_JOURNAL_RECORD 96
#define SNN_FIRMWARE_RESERVE (32u << 10)
#define SNN_NO_SLOT 0xFF

typedef struct {
    uint8_t active_slot;     /* 0, 1 or SNN_NO_SLOT */
    uint8_t upload_slot;     /* 0, 1 or SNN_NO_SLOT */
    uint32_t active_size;
    uint8_t active_sha[32];
    uint32_t upload_size;
    uint32_t upload_offset;  /* bytes programmed and recorded */
    uint8_t upload_sha[32];
} snn_jstate;

typedef struct {
    uint32_t sector;
    uint32_t journal_a;
    uint32_t journal_b;
    uint32_t slot0;
    uint32_t slot_bytes;
    snn_jstate state;
    uint32_t seq;            /* of the current state's record (0 = none yet) */
    uint32_t next_sector;    /* where the next record goes */
    uint32_t next_index;
} snn_store;

/* Computes the layout from the port's flash and reads the journal (never writes). -1 when the flash
 * is too small for two slots. */
int snn_store_mount(snn_store *s);

/* Makes next the state by appending one record. 0 or -1 (flash error). */
int snn_store_append(snn_store *s, const snn_jstate *next);

uint32_t snn_store_slot_addr(const snn_store *s, uint32_t slot);

#endif
