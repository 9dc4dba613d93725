/*
 * Device image format 1 (docs/device-spec.md section 11): checks, in the spec's order, and a parse
 * that points into the image bytes (read in place from flash; nothing is copied).
 */
#ifndef SNN_IMAGE_H
#define SNN_IMAGE_H

#include <stdint.h>
#include "snn_lif.h"

/* Why an image was refused: the field, its byte offset, its value and the limit it broke. */
typedef struct {
    const char *field;
    uint32_t offset;
    int64_t value;
    const char *expected;
    uint32_t index;       /* the index of a field whose name holds "[]" (threshold[], section[].id), else 0 */
} snn_image_error;

/* The field's name with its index filled in ("threshold[3]"), at most cap bytes, NUL-terminated. */
void snn_image_field(const snn_image_error *e, char *out, uint32_t cap);

/* Checks an image of len bytes at img (4-byte aligned) and fills m. check_sha: also verify the
 * trailing SHA-256 (a caller that just hashed the image against an announced SHA may skip the
 * second pass only when that announced SHA equals the trailer; see snn_board). Returns 0 or -1. */
int snn_image_parse(const uint8_t *img, uint32_t len, int check_sha, snn_model *m, snn_image_error *err);

/* Whether a parsed model fits this build's buffers (snn_config.h); 0 or -1 with err filled. */
int snn_image_fits(const snn_model *m, snn_image_error *err);

/* Runs the SELFTEST section through the loop; 0 when every expected value matches, else -1 with a
 * description (at most cap bytes, NUL-terminated) of the first difference. */
int snn_image_selftest(const snn_model *m, snn_lif_state *s, char *why, uint32_t cap);

#endif
