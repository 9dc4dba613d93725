/* Host (POSIX stdio) front end of the golden-vector checker: golden_host DIR; exit 0 when identical. */
#include <stdio.h>
#include "golden_io.h"

static FILE *files[4];

int gio_open(const char *path)
{
    for (int h = 0; h < 4; h++) {
        if (files[h] == NULL) {
            files[h] = fopen(path, "rb");
            return files[h] == NULL ? -1 : h;
        }
    }
    return -1;
}

int gio_read(int h, uint8_t *buf, uint32_t len)
{
    return fread(buf, 1, len, files[h]) == len ? 0 : -1;
}

int32_t gio_length(int h)
{
    long here = ftell(files[h]);
    if (fseek(files[h], 0, SEEK_END) != 0) {
        return -1;
    }
    long end = ftell(files[h]);
    fseek(files[h], here, SEEK_SET);
    return (int32_t)end;
}

void gio_close(int h)
{
    fclose(files[h]);
    files[h] = NULL;
}

void gio_print(const char *s)
{
    fputs(s, stdout);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: golden_host DIR   (DIR written by `snn golden --out DIR`)\n");
        return 2;
    }
    int failed = golden_check_dir(argv[1]);
    return failed == 0 ? 0 : 1;
}

const uint8_t *gio_map(int h)
{
    (void)h;
    return 0;
}
