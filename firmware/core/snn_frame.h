/*
 * Serial framing (docs/protocol.md, snn.protocol.frame): 0x00 | COBS(payload || CRC-32 u32le) | 0x00,
 * payload 1..SNN_RX_PAYLOAD_MAX bytes on receive. CRC-32/IEEE as zlib's crc32.
 */
#ifndef SNN_FRAME_H
#define SNN_FRAME_H

#include <stdint.h>
#include "snn_config.h"

uint32_t snn_crc32(const uint8_t *data, uint32_t len);
/* Continues a CRC-32: snn_crc32_update(snn_crc32(a), b) == snn_crc32(a || b) (zlib's crc32 convention). */
uint32_t snn_crc32_update(uint32_t crc, const uint8_t *data, uint32_t len);

/* COBS-encoded length of n raw bytes: one code byte per started 254, plus the final code. */
#define SNN_COBS_MAX(n) ((n) + (n) / 254 + 1)

/* Encodes src[0..len) into dst (room for SNN_COBS_MAX(len)); returns bytes written. */
uint32_t snn_cobs_encode(const uint8_t *src, uint32_t len, uint8_t *dst);

/* Decodes a block without delimiters into dst (may equal src: decoding never overtakes reading);
 * returns the decoded length or -1 when the block is not valid COBS. */
int32_t snn_cobs_decode(const uint8_t *src, uint32_t len, uint8_t *dst);

/* Frames payload[0..len) into out (room for SNN_COBS_MAX(len + 4) + 2); returns wire bytes. */
uint32_t snn_frame_encode(const uint8_t *payload, uint32_t len, uint8_t *out);

#define SNN_RX_BLOCK_MAX SNN_COBS_MAX(SNN_RX_PAYLOAD_MAX + 4)

/* Receive side: feed bytes one at a time; a complete intact payload is returned in place. */
typedef struct {
    uint8_t block[SNN_RX_BLOCK_MAX];
    uint32_t length;
    uint8_t discarding;
    uint32_t frames;
    uint32_t drops;
} snn_frame_rx;

void snn_frame_rx_init(snn_frame_rx *rx);

/* Returns the payload length (> 0) when byte b completed an intact frame, whose payload is then at
 * rx->block[0..len) until the next call; 0 otherwise (damaged frames are counted and dropped). */
int32_t snn_frame_rx_byte(snn_frame_rx *rx, uint8_t b);

#endif
