/*
 * Decoder of the SNZ1 upload stream (docs/device-spec.md section 16), the C twin of firmware-sim's
 * snn.protocol.compress.SnzDecoder: bytes are pushed in as chunks arrive, decoded image bytes leave
 * through a sink in order, and the last bytes of a block reach the sink only after the block's
 * CRC-32 matched. Fixed RAM: sizeof(snn_snz) (the probabilities, a 1 KiB window, a few registers).
 */
#ifndef SNN_SNZ_H
#define SNN_SNZ_H

#include <stdint.h>

#define SNN_SNZ_BLOCK 4096u        /* image bytes per block (the last one holds the rest) */
#define SNN_SNZ_HEADER 8u          /* u16 payload_len, u16 stride, u32 CRC-32 of the decoded block */
#define SNN_SNZ_MAX_STRIDE 1024u   /* largest stride; also the window of decoded bytes kept */
#define SNN_SNZ_STORED 0xFFFFu     /* stride of a stored block */
#define SNN_SNZ_CONTEXTS 32u       /* nibble half x the nibble one stride earlier */

/* Receives image bytes [image_offset, image_offset + len). Returns 0, or -1 (a flash error). */
typedef int (*snn_snz_sink)(void *ctx, uint32_t image_offset, const uint8_t *data, uint32_t len);

typedef struct {
    uint16_t probs[SNN_SNZ_CONTEXTS * 16];
    uint8_t window[SNN_SNZ_MAX_STRIDE];
    uint8_t header[SNN_SNZ_HEADER];
    uint32_t image_size;
    uint32_t block_at;       /* image offset of the current block */
    uint32_t block_len;
    uint32_t pos;            /* decoded bytes of the current block */
    uint32_t flushed;        /* of those, given to the sink */
    uint32_t header_fill;
    uint32_t payload_len;
    uint32_t stride;
    uint32_t expected_crc;
    uint32_t crc;            /* running CRC-32 register of the decoded bytes */
    uint32_t consumed;       /* payload bytes consumed */
    uint32_t range;
    uint32_t code;
    uint8_t state;
    uint8_t half;
    uint8_t node;
    uint8_t low;
    uint8_t up;
    const char *why;         /* set when a feed returns SNN_SNZ_BAD */
    uint32_t why_value;
} snn_snz;

#define SNN_SNZ_OK 0
#define SNN_SNZ_BAD (-1)     /* the stream does not decode: why, why_value and block_at say where */
#define SNN_SNZ_SINK (-2)    /* the sink failed */

/* Waits for the block that starts at image offset at (a multiple of SNN_SNZ_BLOCK below size). */
void snn_snz_start(snn_snz *d, uint32_t image_size, uint32_t at);
int snn_snz_feed(snn_snz *d, const uint8_t *data, uint32_t len, snn_snz_sink sink, void *ctx);
/* The stream ends here: SNN_SNZ_BAD unless every image byte was decoded. */
int snn_snz_finish(snn_snz *d);
int snn_snz_done(const snn_snz *d);
int snn_snz_at_block_start(const snn_snz *d);

#endif
