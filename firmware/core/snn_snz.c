#include "snn_snz.h"

/* States, as in SnzDecoder.State. */
enum { S_HEADER, S_STORED, S_INIT, S_CODED, S_END };

#define PROB_BITS 11u
#define PROB_INIT (1u << (PROB_BITS - 1u))
#define ADAPT 4u
#define TOP (1u << 24)

/* CRC-32/IEEE register update for one byte (reflected, polynomial 0xEDB88320), bitwise: no table. */
static uint32_t crc_byte(uint32_t c, uint8_t b)
{
    c ^= b;
    for (int k = 0; k < 8; k++) {
        c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1u)));
    }
    return c;
}

static int bad(snn_snz *d, const char *why, uint32_t value)
{
    d->why = why;
    d->why_value = value;
    return SNN_SNZ_BAD;
}

void snn_snz_start(snn_snz *d, uint32_t image_size, uint32_t at)
{
    d->image_size = image_size;
    d->block_at = at;
    d->state = S_HEADER;
    d->header_fill = 0;
    d->pos = 0;
    d->flushed = 0;
    d->why = 0;
    d->why_value = 0;
}

int snn_snz_done(const snn_snz *d)
{
    return d->state == S_END;
}

int snn_snz_at_block_start(const snn_snz *d)
{
    return d->state == S_HEADER && d->header_fill == 0;
}

int snn_snz_finish(snn_snz *d)
{
    return d->state == S_END ? SNN_SNZ_OK : bad(d, "stream ends before the image's last byte; decoded up to", d->block_at + d->pos);
}

/* Gives decoded bytes [flushed, up_to) of the block to the sink, in at most two runs of the window. */
static int flush(snn_snz *d, uint32_t up_to, snn_snz_sink sink, void *ctx)
{
    while (d->flushed < up_to) {
        uint32_t from = d->flushed & (SNN_SNZ_MAX_STRIDE - 1u);
        uint32_t n = up_to - d->flushed;
        if (n > SNN_SNZ_MAX_STRIDE - from) {
            n = SNN_SNZ_MAX_STRIDE - from;
        }
        if (sink(ctx, d->block_at + d->flushed, d->window + from, n) != 0) {
            return SNN_SNZ_SINK;
        }
        d->flushed += n;
    }
    return SNN_SNZ_OK;
}

static int put(snn_snz *d, uint8_t b, snn_snz_sink sink, void *ctx)
{
    if (d->pos - d->flushed == SNN_SNZ_MAX_STRIDE) {
        int rc = flush(d, d->pos, sink, ctx);
        if (rc != SNN_SNZ_OK) {
            return rc;
        }
    }
    d->window[d->pos & (SNN_SNZ_MAX_STRIDE - 1u)] = b;
    d->crc = crc_byte(d->crc, b);
    d->pos++;
    return SNN_SNZ_OK;
}

static uint32_t u16(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static int start_block(snn_snz *d)
{
    d->payload_len = u16(d->header);
    d->stride = u16(d->header + 2);
    d->expected_crc = (uint32_t)d->header[4] | (uint32_t)d->header[5] << 8 | (uint32_t)d->header[6] << 16
                      | (uint32_t)d->header[7] << 24;
    d->block_len = d->image_size - d->block_at < SNN_SNZ_BLOCK ? d->image_size - d->block_at : SNN_SNZ_BLOCK;
    d->pos = 0;
    d->flushed = 0;
    d->consumed = 0;
    d->crc = 0xFFFFFFFFu;
    if (d->stride == SNN_SNZ_STORED) {
        if (d->payload_len != d->block_len) {
            return bad(d, "stored block's payload_len differs from the block's length; payload_len", d->payload_len);
        }
        d->state = S_STORED;
        return SNN_SNZ_OK;
    }
    if (d->stride > SNN_SNZ_MAX_STRIDE) {
        return bad(d, "stride over 1024", d->stride);
    }
    if (d->payload_len < 5) {
        return bad(d, "coded block's payload_len under 5", d->payload_len);
    }
    for (uint32_t i = 0; i < SNN_SNZ_CONTEXTS * 16u; i++) {
        d->probs[i] = (uint16_t)PROB_INIT;
    }
    d->range = 0xFFFFFFFFu;
    d->code = 0;
    d->half = 0;
    d->node = 1;
    d->up = 0;
    d->state = S_INIT;
    return SNN_SNZ_OK;
}

static int end_block(snn_snz *d, snn_snz_sink sink, void *ctx)
{
    if (d->consumed != d->payload_len) {
        return bad(d, "block decoded before the end of its payload; payload bytes used", d->consumed);
    }
    if ((d->crc ^ 0xFFFFFFFFu) != d->expected_crc) {
        return bad(d, "decoded bytes do not match the block's CRC-32; their CRC-32 is", d->crc ^ 0xFFFFFFFFu);
    }
    int rc = flush(d, d->pos, sink, ctx);
    if (rc != SNN_SNZ_OK) {
        return rc;
    }
    d->block_at += d->block_len;
    d->pos = 0;
    d->flushed = 0;
    d->header_fill = 0;
    d->state = d->block_at == d->image_size ? S_END : S_HEADER;
    return SNN_SNZ_OK;
}

/* Decodes bits until a byte of input is needed or the block is complete. */
static int decode(snn_snz *d, snn_snz_sink sink, void *ctx)
{
    while (d->range >= TOP) {
        if (d->pos == d->block_len) {
            return end_block(d, sink, ctx);
        }
        if (d->node == 1 && d->half == 0) {
            d->up = d->stride > 0 && d->pos >= d->stride ? d->window[(d->pos - d->stride) & (SNN_SNZ_MAX_STRIDE - 1u)] : 0;
        }
        uint32_t i = ((uint32_t)d->half * 16u + ((uint32_t)(d->up >> (4u * d->half)) & 15u)) * 16u + d->node;
        uint32_t p = d->probs[i];
        uint32_t bound = (d->range >> PROB_BITS) * p;
        if (d->code < bound) {
            d->range = bound;
            d->probs[i] = (uint16_t)(p + (((1u << PROB_BITS) - p) >> ADAPT));
            d->node = (uint8_t)(2u * d->node);
        } else {
            d->code -= bound;
            d->range -= bound;
            d->probs[i] = (uint16_t)(p - (p >> ADAPT));
            d->node = (uint8_t)(2u * d->node + 1u);
        }
        if (d->node >= 16) {
            if (d->half == 0) {
                d->low = (uint8_t)(d->node - 16u);
                d->half = 1;
            } else {
                int rc = put(d, (uint8_t)(d->low | (d->node - 16u) << 4), sink, ctx);
                if (rc != SNN_SNZ_OK) {
                    return rc;
                }
                d->half = 0;
            }
            d->node = 1;
        }
    }
    return SNN_SNZ_OK;
}

int snn_snz_feed(snn_snz *d, const uint8_t *data, uint32_t len, snn_snz_sink sink, void *ctx)
{
    int rc = SNN_SNZ_OK;
    for (uint32_t i = 0; i < len && rc == SNN_SNZ_OK; i++) {
        uint8_t b = data[i];
        switch (d->state) {
        case S_HEADER:
            d->header[d->header_fill++] = b;
            if (d->header_fill == SNN_SNZ_HEADER) {
                rc = start_block(d);
            }
            break;
        case S_STORED:
            d->consumed++;
            rc = put(d, b, sink, ctx);
            if (rc == SNN_SNZ_OK && d->pos == d->block_len) {
                rc = end_block(d, sink, ctx);
            }
            break;
        case S_INIT:
            if (d->consumed == 0 && b != 0) {
                return bad(d, "first payload byte of a coded block is not 0 but", b);
            }
            d->consumed++;
            d->code = d->code << 8 | b;
            if (d->consumed == 5) {
                d->state = S_CODED;
                rc = decode(d, sink, ctx);
            }
            break;
        case S_CODED:
            if (d->consumed == d->payload_len) {
                return bad(d, "payload ends before the block is decoded; decoded bytes", d->pos);
            }
            d->consumed++;
            d->code = d->code << 8 | b;
            d->range <<= 8;
            rc = decode(d, sink, ctx);
            break;
        default:
            return bad(d, "stream continues after the image's last byte; image bytes", d->image_size);
        }
    }
    if (rc == SNN_SNZ_OK && (d->state == S_STORED || d->state == S_INIT || d->state == S_CODED)) {
        rc = flush(d, d->pos < d->block_len - 1u ? d->pos : d->block_len - 1u, sink, ctx); /* the last byte waits for the CRC */
    }
    return rc;
}
