#include "snn_frame.h"

/* CRC-32/IEEE, reflected, polynomial 0xEDB88320, with a 16-entry table (one nibble per lookup). */
uint32_t snn_crc32(const uint8_t *data, uint32_t len)
{
    return snn_crc32_update(0, data, len);
}

uint32_t snn_crc32_update(uint32_t crc, const uint8_t *data, uint32_t len)
{
    static const uint32_t T[16] = {
        0x00000000, 0x1DB71064, 0x3B6E20C8, 0x26D930AC, 0x76DC4190, 0x6B6B51F4, 0x4DB26158, 0x5005713C,
        0xEDB88320, 0xF00F9344, 0xD6D6A3E8, 0xCB61B38C, 0x9B64C2B0, 0x86D3D2D4, 0xA00AE278, 0xBDBDF21C,
    };
    uint32_t c = crc ^ 0xFFFFFFFFu;
    for (uint32_t i = 0; i < len; i++) {
        c ^= data[i];
        c = (c >> 4) ^ T[c & 15];
        c = (c >> 4) ^ T[c & 15];
    }
    return c ^ 0xFFFFFFFFu;
}

uint32_t snn_cobs_encode(const uint8_t *src, uint32_t len, uint8_t *dst)
{
    uint32_t code_pos = 0;
    uint32_t out = 1;
    uint8_t code = 1;
    for (uint32_t i = 0; i < len; i++) {
        uint8_t b = src[i];
        if (b != 0) {
            dst[out++] = b;
            code++;
        }
        if (b == 0 || code == 0xFF) {
            dst[code_pos] = code;
            code_pos = out++;
            code = 1;
        }
    }
    dst[code_pos] = code;
    return out;
}

int32_t snn_cobs_decode(const uint8_t *src, uint32_t len, uint8_t *dst)
{
    uint32_t in = 0;
    uint32_t out = 0;
    while (in < len) {
        uint32_t code = src[in++];
        if (code == 0 || in + code - 1 > len) {
            return -1;
        }
        for (uint32_t i = 1; i < code; i++) {
            uint8_t b = src[in++];
            if (b == 0) {
                return -1;
            }
            dst[out++] = b;
        }
        if (code != 0xFF && in < len) {
            dst[out++] = 0;
        }
    }
    return (int32_t)out;
}

uint32_t snn_frame_encode(const uint8_t *payload, uint32_t len, uint8_t *out)
{
    /* COBS over payload || crc without copying: encode into out+1, then patch in the CRC bytes by
     * encoding the whole raw block; the raw block is assembled at the end of out, which is free. */
    uint32_t crc = snn_crc32(payload, len);
    uint32_t cap = SNN_COBS_MAX(len + 4) + 2;
    uint8_t *raw = out + cap - (len + 4); /* encoding never overtakes this: out + 1 + k <= raw + k' */
    for (uint32_t i = len; i > 0; i--) {
        raw[i - 1] = payload[i - 1];
    }
    raw[len] = (uint8_t)crc;
    raw[len + 1] = (uint8_t)(crc >> 8);
    raw[len + 2] = (uint8_t)(crc >> 16);
    raw[len + 3] = (uint8_t)(crc >> 24);
    out[0] = 0;
    uint32_t n = snn_cobs_encode(raw, len + 4, out + 1);
    out[n + 1] = 0;
    return n + 2;
}

void snn_frame_rx_init(snn_frame_rx *rx)
{
    rx->length = 0;
    rx->discarding = 0;
    rx->frames = 0;
    rx->drops = 0;
}

int32_t snn_frame_rx_byte(snn_frame_rx *rx, uint8_t b)
{
    if (b != 0) {
        if (rx->discarding) {
            return 0;
        }
        if (rx->length == sizeof rx->block) {
            rx->discarding = 1; /* too long for any frame: skip to the next delimiter */
            rx->length = 0;
            return 0;
        }
        rx->block[rx->length++] = b;
        return 0;
    }
    uint32_t n = rx->length;
    rx->length = 0;
    if (rx->discarding) {
        rx->discarding = 0;
        rx->drops++;
        return 0;
    }
    if (n == 0) {
        return 0; /* idle line or the leading delimiter */
    }
    int32_t raw = snn_cobs_decode(rx->block, n, rx->block);
    if (raw <= 4 || raw - 4 > SNN_RX_PAYLOAD_MAX) {
        rx->drops++;
        return 0;
    }
    uint32_t len = (uint32_t)raw - 4;
    const uint8_t *c = rx->block + len;
    uint32_t want = (uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24;
    if (snn_crc32(rx->block, len) != want) {
        rx->drops++;
        return 0;
    }
    rx->frames++;
    return (int32_t)len;
}
