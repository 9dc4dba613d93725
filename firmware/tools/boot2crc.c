/*
 * Pads an RP2040 second-stage boot (raw binary, at most 252 bytes) to 252 bytes and appends the
 * CRC-32 the boot ROM checks (polynomial 0x04C11DB7, initial value 0xFFFFFFFF, not reflected, no
 * final xor), little-endian, giving the 256 bytes that sit at the start of flash.
 *   boot2crc IN.bin OUT.bin      (prints the CRC)
 *   boot2crc --check FILE        0 when FILE's first 256 bytes hold a valid boot2 CRC
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc32_mpeg2(const uint8_t *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= (uint32_t)p[i] << 24;
        for (int k = 0; k < 8; k++) {
            c = (c & 0x80000000u) != 0 ? (c << 1) ^ 0x04C11DB7u : c << 1;
        }
    }
    return c;
}

int main(int argc, char **argv)
{
    uint8_t b[257];
    memset(b, 0, sizeof b);
    if (argc == 3 && strcmp(argv[1], "--check") == 0) {
        FILE *f = fopen(argv[2], "rb");
        if (f == NULL || fread(b, 1, 256, f) != 256) {
            fprintf(stderr, "boot2crc: cannot read 256 bytes of %s\n", argv[2]);
            return 2;
        }
        fclose(f);
        uint32_t want = crc32_mpeg2(b, 252);
        uint32_t got = (uint32_t)b[252] | (uint32_t)b[253] << 8 | (uint32_t)b[254] << 16 | (uint32_t)b[255] << 24;
        printf("boot2 crc %08x, stored %08x: %s\n", (unsigned)want, (unsigned)got, want == got ? "ok" : "BAD");
        return want == got ? 0 : 1;
    }
    if (argc != 3) {
        fprintf(stderr, "usage: boot2crc IN.bin OUT.bin | boot2crc --check FILE\n");
        return 2;
    }
    FILE *in = fopen(argv[1], "rb");
    if (in == NULL) {
        fprintf(stderr, "boot2crc: cannot open %s\n", argv[1]);
        return 2;
    }
    size_t n = fread(b, 1, sizeof b, in);
    fclose(in);
    if (n > 252) {
        fprintf(stderr, "boot2crc: %s is %zu bytes, more than 252\n", argv[1], n);
        return 1;
    }
    uint32_t c = crc32_mpeg2(b, 252);
    b[252] = (uint8_t)c;
    b[253] = (uint8_t)(c >> 8);
    b[254] = (uint8_t)(c >> 16);
    b[255] = (uint8_t)(c >> 24);
    FILE *out = fopen(argv[2], "wb");
    if (out == NULL || fwrite(b, 1, 256, out) != 256 || fclose(out) != 0) {
        fprintf(stderr, "boot2crc: cannot write %s\n", argv[2]);
        return 2;
    }
    printf("boot2: %zu bytes of code, crc %08x\n", n, (unsigned)c);
    return 0;
}
