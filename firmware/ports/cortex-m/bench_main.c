/*
 * Inference cost on a Cortex-M core under QEMU: loads a device image over semihosting (second
 * argument), checks it, runs its SELFTEST input RUNS times and prints the fewest instructions of
 * one run. SysTick counts the processor clock (SNN_CPU_HZ, set by the board.mk) of QEMU's virtual
 * time; with `-icount shift=0` every instruction takes 1 ns of virtual time, so
 * instructions = ticks * 10^9 / SNN_CPU_HZ (to within one tick, 1e9 / SNN_CPU_HZ instructions).
 */
#include <stdint.h>
#include "golden_io.h"
#include "semihost.h"
#include "systick.h"
#include "snn_fmt.h"
#include "snn_image.h"

#define RUNS 5

uint32_t snn_stack_used(void);

#ifdef SNN_BENCH_BAKED /* the image is linked in (tools/bake-files.sh bench): RAM too small for it */
extern const uint32_t bench_image[];
extern const uint32_t bench_image_len;
#endif
static snn_lif_state state;

#if !defined(GOLDEN_IMAGE_HOOK) && !defined(SNN_BENCH_BAKED)
static uint32_t image[(1u << 20) / 4];

/* The image in RAM, unless the board keeps it elsewhere (golden_io.h). */
const uint8_t *gio_image_load(int h, uint32_t len, char *why, uint32_t cap)
{
    (void)why;
    (void)cap;
    return len > sizeof image || gio_read(h, (uint8_t *)image, len) != 0 ? 0 : (const uint8_t *)image;
}
#endif

int main(void)
{
    char cmd[256];
    char line[200];
    snn_fmt f;
    if (semihost_cmdline(cmd, sizeof cmd) != 0) {
        semihost_exit(0);
    }
    char *path = cmd;
    while (*path && *path != ' ') {
        path++;
    }
    while (*path == ' ') {
        path++;
    }
#ifdef SNN_BENCH_BAKED
    const uint8_t *img = (const uint8_t *)bench_image;
    int32_t len = (int32_t)bench_image_len;
    (void)path;
#else
    int h = gio_open(path);
    int32_t len = h < 0 ? -1 : gio_length(h);
    line[0] = 0;
    const uint8_t *img = len < 0 ? 0 : gio_image_load(h, (uint32_t)len, line, sizeof line);
    if (img == 0) {
        gio_print("bench: cannot read the image ");
        gio_print(line);
        gio_print("\n");
        semihost_exit(0);
    }
#endif
    snn_model m;
    snn_image_error e;
    if (snn_image_parse(img, (uint32_t)len, 1, &m, &e) != 0 || snn_image_fits(&m, &e) != 0) {
        gio_print("bench: image refused\n");
        semihost_exit(0);
    }
    snn_systick_start();
    uint64_t best = ~(uint64_t)0;
    uint32_t steps = 0;
    for (int r = 0; r < RUNS; r++) {
        uint64_t t0 = snn_systick_ticks();
        snn_lif_result res;
        snn_lif_run(&m, &state, m.st_pixels, m.st_seed, 0, 0, &res);
        uint64_t dt = snn_systick_ticks() - t0;
        steps = res.steps;
        best = dt < best ? dt : best;
    }
    snn_fmt_init(&f, line, sizeof line);
    snn_fmt_str(&f, "bench: board=" SNN_BOARD_NAME " bits=");
    snn_fmt_u32(&f, m.weight_bits);
    snn_fmt_str(&f, " steps=");
    snn_fmt_u32(&f, steps);
    snn_fmt_str(&f, " instructions_per_inference=");
    snn_fmt_i64(&f, (int64_t)(best * 1000000000u / SNN_CPU_HZ));
    snn_fmt_str(&f, " model=");
    snn_fmt_u32(&f, m.inputs);
    snn_fmt_str(&f, "x");
    snn_fmt_u32(&f, m.neurons);
    snn_fmt_str(&f, " systick_ticks=");
    snn_fmt_i64(&f, (int64_t)best);
    snn_fmt_str(&f, " stack_bytes=");
    snn_fmt_u32(&f, snn_stack_used());
    snn_fmt_str(&f, "\n");
    gio_print(line);
    semihost_exit(1);
    return 0;
}
