/*
 * Host (POSIX stdio) front end of the golden-vector checker: golden_host DIR; exit 0 when identical.
 * Checks every kernel this build has (on the host: portable, and dsp and mve through the C models
 * of their instructions), one after the other.
 */
#include <stdio.h>
#include "golden_io.h"
#include "snn_kernel.h"

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
    const snn_kernel *kernels[] = {
        &snn_kernel_portable,
#ifdef SNN_HAVE_KERNEL_DSP
        &snn_kernel_dsp,
#endif
#ifdef SNN_HAVE_KERNEL_MVE
        &snn_kernel_mve,
#endif
    };
    int failed = 0;
    for (unsigned k = 0; k < sizeof kernels / sizeof kernels[0]; k++) {
        snn_lif_kernel = kernels[k];
        printf("kernel %s:\n", kernels[k]->name);
        failed |= golden_check_dir(argv[1]) != 0;
    }
    return failed == 0 ? 0 : 1;
}

const uint8_t *gio_map(int h)
{
    (void)h;
    return 0;
}
