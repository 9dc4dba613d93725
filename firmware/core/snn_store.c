#include "snn_store.h"
#include "snn_arith.h"
#include "snn_frame.h"
#include "snn_port.h"

#define JOURNAL_MAGIC 0x4A4E4E53u /* "SNNJ" */

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
    if (snn_rd_u32(r) != JOURNAL_MAGIC || snn_rd_u32(r + 92) != snn_crc32(r, 92)) {
        return -1;
    }
    if ((r[8] > 1 && r[8] != SNN_NO_SLOT) || (r[9] > 1 && r[9] != SNN_NO_SLOT)) {
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

int snn_store_append(snn_store *s, const snn_jstate *next)
{
    if (s->next_index >= per_sector(s)) {
        s->next_sector = s->next_sector == s->journal_a ? s->journal_b : s->journal_a;
        if (snn_port_flash_erase(s->next_sector) != 0) {
            return -1;
        }
        s->next_index = 0;
    }
    uint8_t r[SNN_JOURNAL_RECORD];
    for (uint32_t i = 0; i < SNN_JOURNAL_RECORD; i++) {
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
    snn_wr_u32(r + 92, snn_crc32(r, 92));
    uint32_t at = s->next_sector + s->next_index * SNN_JOURNAL_RECORD;
    s->next_index++; /* even if the write is torn, that place is spoilt */
    if (snn_port_flash_program(at, r, SNN_JOURNAL_RECORD) != 0) {
        return -1;
    }
    s->seq++;
    s->state = *next;
    return 0;
}

uint32_t snn_store_slot_addr(const snn_store *s, uint32_t slot)
{
    return s->slot0 + slot * s->slot_bytes;
}
