/* Building short messages (protocol `detail` strings) without printf: bounded, always NUL-terminated. */
#ifndef SNN_FMT_H
#define SNN_FMT_H

#include <stdint.h>

typedef struct {
    char *buf;
    uint32_t cap;
    uint32_t len;
} snn_fmt;

void snn_fmt_init(snn_fmt *f, char *buf, uint32_t cap);
/* Continues the NUL-terminated text already in buf. */
void snn_fmt_append(snn_fmt *f, char *buf, uint32_t cap);
void snn_fmt_str(snn_fmt *f, const char *s);
void snn_fmt_u32(snn_fmt *f, uint32_t v);
void snn_fmt_i64(snn_fmt *f, int64_t v);
void snn_fmt_hex(snn_fmt *f, const uint8_t *bytes, uint32_t n);

#endif
