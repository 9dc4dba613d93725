/*
 * The golden-vector checker (docs/device-spec.md section 14): for every case in index.txt, parse
 * NAME.img with the firmware's parser, run its SELFTEST input through the firmware's loop, and
 * compare every step record of NAME.trace (v, v_inh, exc_spiked, inh_spiked), the final counts,
 * label, presentations and total with exact equality. The same file runs on the host and on the
 * Cortex-M3 under QEMU (semihosting file access).
 */
#include "golden_io.h"
#include "snn_arith.h"
#include "snn_fmt.h"
#include "snn_image.h"

/* Images are copied to RAM unless gio_map gives them in place (boards whose RAM is too small). */
#ifndef GOLDEN_IMAGE_MAX
#define GOLDEN_IMAGE_MAX (1u << 20)
#endif
#define IMAGE_MAX GOLDEN_IMAGE_MAX
#define RECORD_MAX (8 + 8 * SNN_NEURON_SLOTS + 2 * SNN_NEURON_SLOTS)

static uint32_t image_words[IMAGE_MAX / 4];
static uint8_t record[RECORD_MAX];
static uint8_t header[40 + SNN_MAX_INPUTS + 4];
static snn_lif_state state;

typedef struct {
    int h;
    uint32_t n;
    uint32_t records;
    uint32_t seen;
    char *why;
    uint32_t cap;
} trace_ctx;

static uint32_t align4(uint32_t x)
{
    return (x + 3u) & ~3u;
}

static void say(const char *a, const char *b)
{
    gio_print(a);
    gio_print(b);
}

/* Compares one step of the loop with the next record of the trace file. */
static int compare_step(void *vctx, uint32_t presentation, uint32_t t, const snn_lif_state *s, uint16_t n16)
{
    trace_ctx *c = (trace_ctx *)vctx;
    uint32_t n = n16;
    snn_fmt f;
    snn_fmt_init(&f, c->why, c->cap);
    if (c->seen >= c->records) {
        snn_fmt_str(&f, "the loop ran more steps than the trace's ");
        snn_fmt_u32(&f, c->records);
        return 1;
    }
    uint32_t size = 8 + 8 * n + 2 * align4(n);
    if (gio_read(c->h, record, size) != 0) {
        snn_fmt_str(&f, "trace ends early");
        return 1;
    }
    c->seen++;
    const char *what = 0;
    uint32_t j = 0;
    int64_t got = 0;
    int64_t want = 0;
    if (snn_rd_u32(record) != presentation || snn_rd_u32(record + 4) != t) {
        what = "step number";
        got = t;
        want = snn_rd_u32(record + 4);
    }
    for (j = 0; what == 0 && j < n; j++) {
        const uint8_t *r = record + 8;
        if (s->v[j] != snn_rd_i32(r + 4 * j)) {
            what = "v", got = s->v[j], want = snn_rd_i32(r + 4 * j);
        } else if (s->v_inh[j] != snn_rd_i32(r + 4 * (n + j))) {
            what = "v_inh", got = s->v_inh[j], want = snn_rd_i32(r + 4 * (n + j));
        } else if (s->exc_spiked[j] != r[8 * n + j]) {
            what = "exc_spiked", got = s->exc_spiked[j], want = r[8 * n + j];
        } else if (s->inh_spiked[j] != r[8 * n + align4(n) + j]) {
            what = "inh_spiked", got = s->inh_spiked[j], want = r[8 * n + align4(n) + j];
        }
    }
    if (what == 0) {
        return 0;
    }
    snn_fmt_str(&f, what);
    snn_fmt_str(&f, "[");
    snn_fmt_u32(&f, j - 1);
    snn_fmt_str(&f, "] at presentation ");
    snn_fmt_u32(&f, presentation);
    snn_fmt_str(&f, " step ");
    snn_fmt_u32(&f, t);
    snn_fmt_str(&f, ": firmware ");
    snn_fmt_i64(&f, got);
    snn_fmt_str(&f, ", emulator ");
    snn_fmt_i64(&f, want);
    return 1;
}

static const uint8_t *image = (const uint8_t *)image_words;

static int load_image(const char *path, uint32_t *len, char *why, uint32_t cap)
{
    snn_fmt f;
    snn_fmt_init(&f, why, cap);
    int h = gio_open(path);
    int32_t l = h < 0 ? -1 : gio_length(h);
    const uint8_t *mapped = h < 0 ? 0 : gio_map(h);
    if (l >= 0 && mapped != 0 && ((uintptr_t)mapped & 3u) == 0) {
        gio_close(h);
        image = mapped;
        *len = (uint32_t)l;
        return 0;
    }
    image = (const uint8_t *)image_words;
    if (l < 0 || (uint32_t)l > IMAGE_MAX || gio_read(h, (uint8_t *)image_words, (uint32_t)l) != 0) {
        if (h >= 0) {
            gio_close(h);
        }
        snn_fmt_str(&f, "cannot read ");
        snn_fmt_str(&f, path);
        return -1;
    }
    gio_close(h);
    *len = (uint32_t)l;
    return 0;
}

/* One case; 0 when identical, else 1 with why filled. */
static int check_case(const char *dir, const char *name, char *why, uint32_t cap)
{
    char path[256];
    snn_fmt p;
    snn_fmt_init(&p, path, sizeof path);
    snn_fmt_str(&p, dir);
    snn_fmt_str(&p, "/");
    snn_fmt_str(&p, name);
    snn_fmt_str(&p, ".img");
    uint32_t len;
    if (load_image(path, &len, why, cap) != 0) {
        return 1;
    }
    snn_model m;
    snn_image_error e;
    snn_fmt f;
    snn_fmt_init(&f, why, cap);
    if (snn_image_parse(image, len, 1, &m, &e) != 0 || snn_image_fits(&m, &e) != 0) {
        snn_fmt_str(&f, "image refused: ");
        snn_fmt_str(&f, e.field);
        snn_fmt_str(&f, " at byte ");
        snn_fmt_u32(&f, e.offset);
        snn_fmt_str(&f, " is ");
        snn_fmt_i64(&f, e.value);
        snn_fmt_str(&f, ", expected ");
        snn_fmt_str(&f, e.expected);
        return 1;
    }
    snn_fmt_init(&p, path, sizeof path);
    snn_fmt_str(&p, dir);
    snn_fmt_str(&p, "/");
    snn_fmt_str(&p, name);
    snn_fmt_str(&p, ".trace");
    trace_ctx c = {gio_open(path), m.neurons, 0, 0, why, cap};
    uint32_t hsize = 40 + align4(m.inputs);
    if (c.h < 0 || hsize > sizeof header || gio_read(c.h, header, hsize) != 0) {
        snn_fmt_str(&f, "cannot read ");
        snn_fmt_str(&f, path);
        if (c.h >= 0) {
            gio_close(c.h);
        }
        return 1;
    }
    if (snn_rd_u32(header) != 0x544E4E53u || snn_rd_u32(header + 4) != 1 || snn_rd_u32(header + 8) != m.inputs
        || snn_rd_u32(header + 12) != m.neurons) {
        snn_fmt_str(&f, "trace header does not match the image (magic, version, inputs, neurons)");
        gio_close(c.h);
        return 1;
    }
    c.records = snn_rd_u32(header + 20);
    snn_lif_result r;
    /* the pixels and seed come from the trace; the image's SELFTEST must hold the same */
    int rc = snn_lif_run(&m, &state, header + 40, snn_rd_u32(header + 16), compare_step, &c, &r);
    if (rc == 0) {
        uint32_t n = m.neurons;
        if (c.seen != c.records) {
            snn_fmt_str(&f, "the loop ran fewer steps than the trace");
            rc = 1;
        } else if (gio_read(c.h, record, 4 * n) != 0) {
            snn_fmt_str(&f, "trace has no final counts");
            rc = 1;
        } else {
            for (uint32_t j = 0; j < n && rc == 0; j++) {
                if (r.counts[j] != snn_rd_u32(record + 4 * j)) {
                    snn_fmt_str(&f, "count of neuron ");
                    snn_fmt_u32(&f, j);
                    rc = 1;
                }
            }
            if (rc == 0 && (r.label != snn_rd_u32(header + 28) || r.presentations != snn_rd_u32(header + 24)
                            || r.total_spikes != snn_rd_u32(header + 32))) {
                snn_fmt_str(&f, "label/presentations/total differ");
                rc = 1;
            }
        }
    }
    gio_close(c.h);
    if (rc == 0 && snn_image_selftest(&m, &state, why, cap) != 0) {
        rc = 1;
    }
    return rc != 0;
}

int golden_check_dir(const char *dir)
{
    static char index[16384];
    char path[256];
    snn_fmt p;
    snn_fmt_init(&p, path, sizeof path);
    snn_fmt_str(&p, dir);
    snn_fmt_str(&p, "/index.txt");
    int h = gio_open(path);
    int32_t len = h < 0 ? -1 : gio_length(h);
    if (len < 0 || (uint32_t)len >= sizeof index || gio_read(h, (uint8_t *)index, (uint32_t)len) != 0) {
        say("golden: cannot read ", path);
        gio_print("\n");
        return -1;
    }
    gio_close(h);
    index[len] = 0;
    int cases = 0;
    int failed = 0;
    char *line = index;
    while (*line) {
        char *end = line;
        while (*end && *end != '\n') {
            end++;
        }
        char *next = *end ? end + 1 : end;
        *end = 0;
        if (line[0] != '#' && line[0] != 0) {
            char name[64];
            uint32_t k = 0;
            while (line[k] && line[k] != ' ' && k + 1 < sizeof name) {
                name[k] = line[k];
                k++;
            }
            name[k] = 0;
            char why[200];
            why[0] = 0;
            cases++;
            if (check_case(dir, name, why, sizeof why) != 0) {
                failed++;
                say("FAIL ", name);
                say(": ", why);
                gio_print("\n");
            } else {
                say("ok   ", name);
                gio_print("\n");
            }
        }
        line = next;
    }
    char sum[96];
    snn_fmt f;
    snn_fmt_init(&f, sum, sizeof sum);
    snn_fmt_str(&f, "golden: ");
    snn_fmt_u32(&f, (uint32_t)cases);
    snn_fmt_str(&f, " cases, ");
    snn_fmt_u32(&f, (uint32_t)failed);
    snn_fmt_str(&f, " failed\n");
    gio_print(sum);
    return cases == 0 ? -1 : failed;
}
