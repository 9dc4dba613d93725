#include "snn_fmt.h"

void snn_fmt_init(snn_fmt *f, char *buf, uint32_t cap)
{
    f->buf = buf;
    f->cap = cap;
    f->len = 0;
    if (cap > 0) {
        buf[0] = 0;
    }
}

void snn_fmt_append(snn_fmt *f, char *buf, uint32_t cap)
{
    f->buf = buf;
    f->cap = cap;
    f->len = 0;
    while (f->len + 1 < cap && buf[f->len] != 0) {
        f->len++;
    }
    if (cap > 0) {
        buf[f->len] = 0;
    }
}

static void put(snn_fmt *f, char c)
{
    if (f->len + 1 < f->cap) {
        f->buf[f->len++] = c;
        f->buf[f->len] = 0;
    }
}

void snn_fmt_str(snn_fmt *f, const char *s)
{
    while (*s) {
        put(f, *s++);
    }
}

void snn_fmt_u32(snn_fmt *f, uint32_t v)
{
    char d[10];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        put(f, d[--n]);
    }
}

void snn_fmt_i64(snn_fmt *f, int64_t v)
{
    uint64_t u = (uint64_t)v;
    if (v < 0) {
        put(f, '-');
        u = 0 - u;
    }
    char d[20];
    int n = 0;
    do {
        d[n++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u != 0);
    while (n > 0) {
        put(f, d[--n]);
    }
}

void snn_fmt_hex(snn_fmt *f, const uint8_t *bytes, uint32_t n)
{
    static const char H[] = "0123456789abcdef";
    for (uint32_t i = 0; i < n; i++) {
        put(f, H[bytes[i] >> 4]);
        put(f, H[bytes[i] & 15]);
    }
}
