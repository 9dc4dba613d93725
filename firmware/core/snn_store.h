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
 * Journal record, 256 bytes, little-endian, appended at sector + k*256; the valid record with the
 * highest sequence number is the state:
 *    0 magic "SNNJ" | 4 seq | 8 active slot (0/1/0xFF) | 9 upload slot (0/1/0xFF) | 10 u16 0
 *   12 active size | 16 active SHA-256 | 48 upload size | 52 upload offset | 56 upload SHA-256
 *   88 u32 0 | 92 u8 trust count (0..4) | 93 u8[3] 0 | 96 trusted keys 4 x 32 (raw Ed25519, unused 0)
 *  224 u32 trust generation | 228 u8[24] 0 | 252 CRC-32 of bytes 0..251
 * The trust part (bytes 92..251) is not kept in RAM: it is read in place from the current record in
 * flash, and an append that does not change it copies it from there into the new record.
 */
#ifndef SNN_STORE_H
#define SNN_STORE_H

#include <stdint.h>

#define SNN_JOURNAL_RECORD 256
#define SNN_TRUST_MAX 4
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
    uint32_t current;        /* flash address of the current state's record (0xFFFFFFFF = none yet) */
    uint32_t next_sector;    /* where the next record goes */
    uint32_t next_index;
} snn_store;

/* Computes the layout from the port's flash and reads the journal (never writes). -1 when the flash
 * is too small for two slots. */
int snn_store_mount(snn_store *s);

/* Makes next the state by appending one record. 0 or -1 (flash error). */
int snn_store_append(snn_store *s, const snn_jstate *next);

uint32_t snn_store_slot_addr(const snn_store *s, uint32_t slot);

/* The trust store of the current record: count 0..4 (0 = unprovisioned), key i (32 bytes, in flash),
 * generation. */
uint32_t snn_store_trust_count(const snn_store *s);
const uint8_t *snn_store_trust_key(const snn_store *s, uint32_t i);
uint32_t snn_store_trust_generation(const snn_store *s);

/* Appends one record with the current state and a new trust store: count keys of 32 bytes at keys
 * (in RAM), generation one more than now. 0 or -1 (flash error). */
int snn_store_set_trust(snn_store *s, uint32_t count, const uint8_t *keys);

#endif
