/*
 * Golden-vector files baked into the firmware image (tools/bake-files.sh writes the table as an
 * assembly file of .incbin's), for boards whose RAM cannot hold the largest image (the checker then
 * reads images in place, gio_map) or that have no semihosting. A path names a file by its last
 * component: "DIR/random_000.img" is "random_000.img". A file that is not baked is opened with
 * gio_host_open (semihosting, or a stub); its handles are HOST_BASE and up.
 */
#include <stdint.h>
#include "golden_io.h"

typedef struct {
    const char *name;
    const uint8_t *data;
    uint32_t len;
} baked_file;

extern const baked_file golden_files[];
extern const uint32_t golden_file_count;

#define OPEN_MAX 4
#define HOST_BASE 64
static struct {
    const baked_file *f;
    uint32_t pos;
} open_files[OPEN_MAX];

static int same(const char *a, const char *b)
{
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

int gio_open(const char *path)
{
    const char *base = path;
    for (const char *p = path; *p; p++) {
        if (*p == '/') {
            base = p + 1;
        }
    }
    for (uint32_t i = 0; i < golden_file_count; i++) {
        if (same(golden_files[i].name, base)) {
            for (int h = 0; h < OPEN_MAX; h++) {
                if (open_files[h].f == 0) {
                    open_files[h].f = &golden_files[i];
                    open_files[h].pos = 0;
                    return h;
                }
            }
            return -1;
        }
    }
    int h = gio_host_open(path);
    return h < 0 ? -1 : h + HOST_BASE;
}

int gio_read(int h, uint8_t *buf, uint32_t len)
{
    if (h >= HOST_BASE) {
        return gio_host_read(h - HOST_BASE, buf, len);
    }
    const baked_file *f = open_files[h].f;
    if (len > f->len - open_files[h].pos) {
        return -1;
    }
    for (uint32_t i = 0; i < len; i++) {
        buf[i] = f->data[open_files[h].pos + i];
    }
    open_files[h].pos += len;
    return 0;
}

int32_t gio_length(int h)
{
    if (h >= HOST_BASE) {
        return gio_host_length(h - HOST_BASE);
    }
    return (int32_t)open_files[h].f->len;
}

void gio_close(int h)
{
    if (h >= HOST_BASE) {
        gio_host_close(h - HOST_BASE);
        return;
    }
    open_files[h].f = 0;
}

const uint8_t *gio_map(int h)
{
    if (h >= HOST_BASE) {
        return 0;
    }
    return open_files[h].f->data;
}
