#include "snn_store.h"
#include "snn_arith.h"
#include "snn_frame.h"
#include "snn_port.h"

#define JOURNAL_MAGIC 0x4A4E4E53u /* "SNNJ" */
#define CRC_AT (SNN_JOURNAL_RECORD - 4)
#define TRUST_AT 92u            /* bytes 92..251: count, keys, generation */
#define KEYS_AT 96u
#define GENERATION_AT 224u

static uint32_t per_sector(const snn_store *s)
{
    return s->sector / SNN_JOURNAL_RECORD;
}

static void copy(uint8_t *dst, const uint8_t *src, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}

/* Decodes a record; 0 when valid. A record no append can have written (a size of 0 or over a slot,
 * an upload offset past its size, an upload into the active slot) is invalid like a torn one, so no
 * later step reads outside a slot. */
static int decode(const uint8_t *r, uint32_t slot_bytes, snn_jstate *st, uint32_t *seq)
{
    if (snn_rd_u32(r) != JOURNAL_MAGIC || snn_rd_u32(r + CRC_AT) != snn_crc32(r, CRC_AT)) {
        return -1;
    }
    if ((r[8] > 1 && r[8] != SNN_NO_SLOT) || (r[9] > 1 && r[9] != SNN_NO_SLOT) || r[TRUST_AT] > SNN_TRUST_MAX) {
        return -1;
    }
    *seq = snn_rd_u32(r + 4);
    st->active_slot = r[8];
    st->upload_slot = r[9];
    st->active_size = snn_rd_u32(r + 12);
    copy(st->active_sha, r + 16, 32);
    st->upload_size = snn_rd_u32(r + 48);
    st->upload_offset = snn_rd_u32(r + 52);
    copy(st->upload_sha, r + 56, 32);
    if (st->active_slot != SNN_NO_SLOT && (st->active_size == 0 || st->active_size > slot_bytes)) {
        return -1;
    }
    if (st->upload_slot != SNN_NO_SLOT
        && (st->upload_size == 0 || st->upload_size > slot_bytes || st->upload_offset > st->upload_size
            || st->upload_slot == st->active_slot)) {
        return -1;
    }
    return 0;
}

static int erased(const uint8_t *r)
{
    for (uint32_t i = 0; i < SNN_JOURNAL_RECORD; i++) {
        if (r[i] != 0xFF) {
            return 0;
        }
    }
    return 1;
}

int snn_store_mount(snn_store *s)
{
    const uint32_t size = snn_port_flash_size();
    s->sector = snn_port_flash_sector();
    s->journal_a = SNN_FIRMWARE_RESERVE;
    s->journal_b = SNN_FIRMWARE_RESERVE + s->sector;
    s->slot0 = SNN_FIRMWARE_RESERVE + 2 * s->sector;
    if (size < s->slot0 + 2 * s->sector) {
        return -1;
    }
    s->slot_bytes = (size - s->slot0) / 2 / s->sector * s->sector;
    s->state.active_slot = SNN_NO_SLOT;
    s->state.upload_slot = SNN_NO_SLOT;
    s->state.active_size = 0;
    s->state.upload_size = 0;
    s->state.upload_offset = 0;
    for (uint32_t i = 0; i < 32; i++) {
        s->state.active_sha[i] = 0;
        s->state.upload_sha[i] = 0;
    }
    s->seq = 0;
    s->current = 0xFFFFFFFFu;
    s->next_sector = s->journal_a;
    const uint8_t *flash = snn_port_flash_map();
    int found = 0;
    const uint32_t sectors[2] = {s->journal_a, s->journal_b};
    for (uint32_t q = 0; q < 2; q++) {
        for (uint32_t k = 0; k < per_sector(s); k++) {
            snn_jstate st;
            uint32_t seq;
            if (decode(flash + sectors[q] + k * SNN_JOURNAL_RECORD, s->slot_bytes, &st, &seq) == 0 && (!found || seq > s->seq)) {
                found = 1;
                s->state = st;
                s->seq = seq;
                s->current = sectors[q] + k * SNN_JOURNAL_RECORD;
                s->next_sector = sectors[q];
            }
        }
    }
    /* continue after the last non-erased record of the current sector (torn ones included) */
    s->next_index = 0;
    for (uint32_t k = 0; k < per_sector(s); k++) {
        if (!erased(flash + s->next_sector + k * SNN_JOURNAL_RECORD)) {
            s->next_index = k + 1;
        }
    }
    return 0;
}

/* One record: the state next (bytes 0..91, built in RAM) and the trust part (bytes 92..251) from
 * trust, which is the current record's in flash, a new one in RAM, or 0 (zeros: no record yet); then
 * the CRC. Bytes go through a small RAM buffer, since a port may not read its flash while it programs
 * it (XIP is off then on the RP2040): pass 0 sums the CRC, pass 1 programs. A torn write at any point
 * leaves a record whose CRC fails. */
static int append(snn_store *s, const snn_jstate *next, const uint8_t *trust)
{
    if (s->next_index >= per_sector(s)) {
        s->next_sector = s->next_sector == s->journal_a ? s->journal_b : s->journal_a;
        if (snn_port_flash_erase(s->next_sector) != 0) {
            return -1;
        }
        s->next_index = 0;
    }
    uint8_t r[TRUST_AT];
    for (uint32_t i = 0; i < TRUST_AT; i++) {
        r[i] = 0;
    }
    snn_wr_u32(r, JOURNAL_MAGIC);
    snn_wr_u32(r + 4, s->seq + 1);
    r[8] = next->active_slot;
    r[9] = next->upload_slot;
    snn_wr_u32(r + 12, next->active_size);
    copy(r + 16, next->active_sha, 32);
    snn_wr_u32(r + 48, next->upload_size);
    snn_wr_u32(r + 52, next->upload_offset);
    copy(r + 56, next->upload_sha, 32);
    const uint32_t at = s->next_sector + s->next_index * SNN_JOURNAL_RECORD;
    s->next_index++; /* even if the write is torn, that place is spoilt */
    uint32_t sum = 0;
    uint8_t buf[32];
    for (uint32_t pass = 0; pass < 2; pass++) {
        uint32_t n;
        for (uint32_t off = 0; off < CRC_AT; off += n) {
            const uint32_t end = off < TRUST_AT ? TRUST_AT : CRC_AT;
            n = end - off < sizeof buf ? end - off : (uint32_t)sizeof buf;
            const uint8_t *src = off < TRUST_AT ? r + off : trust != 0 ? trust + (off - TRUST_AT) : 0;
            for (uint32_t i = 0; i < n; i++) {
                buf[i] = src != 0 ? src[i] : 0;
            }
            if (pass == 0) {
                sum = snn_crc32_update(sum, buf, n);
            } else if (snn_port_flash_program(at + off, buf, n) != 0) {
                return -1;
            }
        }
        snn_wr_u32(buf, sum);
    }
    if (snn_port_flash_program(at + CRC_AT, buf, 4) != 0) {
        return -1;
    }
    s->seq++;
    s->state = *next;
    s->current = at;
    return 0;
}

/* The current record's trust part in flash; 0 without a record (unprovisioned, generation 0). */
static const uint8_t *current_trust(const snn_store *s)
{
    return s->current == 0xFFFFFFFFu ? 0 : snn_port_flash_map() + s->current + TRUST_AT;
}

int snn_store_append(snn_store *s, const snn_jstate *next)
{
    return append(s, next, current_trust(s));
}

uint32_t snn_store_trust_count(const snn_store *s)
{
    return current_trust(s) != 0 ? current_trust(s)[0] : 0;
}

const uint8_t *snn_store_trust_key(const snn_store *s, uint32_t i)
{
    return current_trust(s) + (KEYS_AT - TRUST_AT) + 32u * i;
}

uint32_t snn_store_trust_generation(const snn_store *s)
{
    return current_trust(s) != 0 ? snn_rd_u32(current_trust(s) + (GENERATION_AT - TRUST_AT)) : 0;
}

int snn_store_set_trust(snn_store *s, uint32_t count, const uint8_t *keys)
{
    uint8_t t[CRC_AT - TRUST_AT];
    for (uint32_t i = 0; i < sizeof t; i++) {
        t[i] = 0;
    }
    t[0] = (uint8_t)count;
    copy(t + (KEYS_AT - TRUST_AT), keys, 32u * count);
    snn_wr_u32(t + (GENERATION_AT - TRUST_AT), snn_store_trust_generation(s) + 1u);
    snn_jstate next = s->state;
    return append(s, &next, t);
}

uint32_t snn_store_slot_addr(const snn_store *s, uint32_t slot)
{
    return s->slot0 + slot * s->slot_bytes;
}
