/*
 * Host tool for the SNZ1 decoder (core/snn_snz.c): decodes STREAM into OUT for an image of SIZE bytes,
 * feeding the stream in pieces of 1..1500 bytes drawn from SEED (xorshift32), as chunks arrive on a
 * board. firmware-tests compares OUT with the image and with the Java decoder (exact equality).
 * Exit 0 when the whole image decoded, 1 on a bad stream (the reason on stderr), 2 on bad usage.
 *
 *   snz_decode SIZE STREAM OUT [SEED]
 */
#include <stdio.h>
#include <stdlib.h>
#include "snn_snz.h"

static snn_snz dec;
static uint8_t *out;
static uint32_t out_size;
static uint32_t next_at; /* the sink must be called in order, without gaps */

static int sink(void *ctx, uint32_t at, const uint8_t *data, uint32_t len)
{
    (void)ctx;
    if (at != next_at || at + len > out_size) {
        fprintf(stderr, "snz_decode: sink called at %u for %u bytes, expected %u\n", at, len, next_at);
        exit(3);
    }
    for (uint32_t i = 0; i < len; i++) {
        out[at + i] = data[i];
    }
    next_at = at + len;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: snz_decode SIZE STREAM OUT [SEED]\n");
        return 2;
    }
    out_size = (uint32_t)strtoul(argv[1], 0, 10);
    uint32_t x = argc > 4 ? (uint32_t)strtoul(argv[4], 0, 10) | 1u : 1u;
    FILE *f = fopen(argv[2], "rb");
    if (out_size == 0 || f == 0) {
        fprintf(stderr, "snz_decode: bad size or unreadable %s\n", argv[2]);
        return 2;
    }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *stream = malloc(n > 0 ? (size_t)n : 1);
    out = calloc(out_size, 1);
    if (stream == 0 || out == 0 || fread(stream, 1, (size_t)n, f) != (size_t)n) {
        fprintf(stderr, "snz_decode: cannot read %s\n", argv[2]);
        return 2;
    }
    fclose(f);
    snn_snz_start(&dec, out_size, 0);
    int rc = SNN_SNZ_OK;
    for (long at = 0; at < n && rc == SNN_SNZ_OK;) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        long piece = 1 + (long)(x % 1500u);
        if (piece > n - at) {
            piece = n - at;
        }
        rc = snn_snz_feed(&dec, stream + at, (uint32_t)piece, sink, 0);
        at += piece;
    }
    if (rc == SNN_SNZ_OK) {
        rc = snn_snz_finish(&dec);
    }
    free(stream);
    if (rc != SNN_SNZ_OK) {
        fprintf(stderr, "BAD_STREAM: SNZ1 block at image offset %u: %s %u\n", dec.block_at, dec.why, dec.why_value);
        free(out);
        return 1;
    }
    FILE *o = fopen(argv[3], "wb");
    if (o == 0 || fwrite(out, 1, out_size, o) != out_size || fclose(o) != 0) {
        fprintf(stderr, "snz_decode: cannot write %s\n", argv[3]);
        return 2;
    }
    printf("snz_decode: %ld stream bytes -> %u image bytes, decoder RAM %u bytes\n", n, out_size, (unsigned)sizeof dec);
    free(out);
    return 0;
}
