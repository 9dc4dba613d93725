/*
 * Raw binary to UF2 (https://github.com/microsoft/uf2, the public format): 512-byte blocks, each
 * with magics 0x0A324655 / 0x9E5D5157, flags (0x2000: family ID present), target address, payload
 * size (256), block number, block count, family ID, 476 bytes of data area (payload then zeros), end
 * magic 0x0AB16F30. All little-endian.
 *   uf2conv IN.bin BASE FAMILY OUT.uf2     e.g. uf2conv fw.bin 0x10000000 0xE48BFF56 fw.uf2 (RP2040)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: uf2conv IN.bin BASE FAMILY OUT.uf2\n");
        return 2;
    }
    uint32_t base = (uint32_t)strtoul(argv[2], NULL, 0);
    uint32_t family = (uint32_t)strtoul(argv[3], NULL, 0);
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL || base % 256 != 0) {
        fprintf(stderr, "uf2conv: cannot open %s or base not 256-aligned\n", argv[1]);
        return 2;
    }
    if (fseek(in, 0, SEEK_END) != 0) {
        return 2;
    }
    long len = ftell(in);
    rewind(in);
    if (len <= 0 || len > (64L << 20)) {
        fprintf(stderr, "uf2conv: %s is empty or too large\n", argv[1]);
        return 2;
    }
    uint8_t *data = calloc((size_t)len + 256, 1);
    if (data == NULL || fread(data, 1, (size_t)len, in) != (size_t)len) {
        fprintf(stderr, "uf2conv: cannot read %s\n", argv[1]);
        return 2;
    }
    fclose(in);
    uint32_t blocks = (uint32_t)((len + 255) / 256);
    FILE *out = fopen(argv[4], "wb");
    if (out == NULL) {
        fprintf(stderr, "uf2conv: cannot write %s\n", argv[4]);
        return 2;
    }
    for (uint32_t i = 0; i < blocks; i++) {
        uint8_t b[512];
        memset(b, 0, sizeof b);
        put32(b + 0, 0x0A324655u);
        put32(b + 4, 0x9E5D5157u);
        put32(b + 8, 0x00002000u); /* familyID present */
        put32(b + 12, base + 256u * i);
        put32(b + 16, 256u);
        put32(b + 20, i);
        put32(b + 24, blocks);
        put32(b + 28, family);
        memcpy(b + 32, data + 256u * i, 256); /* the last block's tail is zero (calloc) */
        put32(b + 508, 0x0AB16F30u);
        if (fwrite(b, 1, sizeof b, out) != sizeof b) {
            fprintf(stderr, "uf2conv: cannot write %s\n", argv[4]);
            return 2;
        }
    }
    free(data);
    if (fclose(out) != 0) {
        return 2;
    }
    printf("uf2conv: %s: %ld bytes, %u blocks at 0x%08x, family 0x%08x\n", argv[4], len, (unsigned)blocks,
           (unsigned)base, (unsigned)family);
    return 0;
}
