/* SHA-256 (FIPS 180-4), incremental, no allocation. */
#ifndef SNN_SHA256_H
#define SNN_SHA256_H

#include <stdint.h>

typedef struct {
    uint32_t h[8];
    uint64_t bytes;       /* message length so far */
    uint8_t block[64];    /* a partly filled block */
    uint32_t fill;
} snn_sha256_ctx;

void snn_sha256_init(snn_sha256_ctx *c);
void snn_sha256_update(snn_sha256_ctx *c, const uint8_t *data, uint32_t len);
void snn_sha256_final(snn_sha256_ctx *c, uint8_t out[32]);
void snn_sha256(const uint8_t *data, uint32_t len, uint8_t out[32]);

#endif
