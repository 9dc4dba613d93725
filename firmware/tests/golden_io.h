/* What the golden-vector checker needs from its platform: whole-file reads, sequential reads, output. */
#ifndef GOLDEN_IO_H
#define GOLDEN_IO_H

#include <stdint.h>

/* Opens path for reading; returns a handle >= 0 or -1. */
int gio_open(const char *path);
/* Reads exactly len bytes; returns 0, or -1 at end of file or on error. */
int gio_read(int h, uint8_t *buf, uint32_t len);
/* Length of the file, or -1. */
int32_t gio_length(int h);
void gio_close(int h);
void gio_print(const char *s);
/* Stores the len bytes of open file h where the loop can read them in place (4-byte aligned) and
 * returns them, or 0 with why filled. golden_check.c has a RAM buffer; a platform whose RAM is too
 * small provides its own with -DGOLDEN_IMAGE_HOOK (micro:bit: flash, through the NVMC). */
const uint8_t *gio_image_load(int h, uint32_t len, char *why, uint32_t cap);

/* Checks every case listed in dir/index.txt; prints one line per case and a summary; returns the
 * number of failed cases (0 = all identical), or -1 when the vectors cannot be read. */
int golden_check_dir(const char *dir);

#endif
