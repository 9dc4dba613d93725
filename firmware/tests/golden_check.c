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

#define RECORD_MAX (8 + 8 * SNN_NEURON_SLOTS + 2 * SNN_NEURON_SLOTS)
/* Trace records are read GOLDEN_CHUNK bytes at a time (a multiple of 4, at least 8): a small RAM
 * (micro:bit) cannot hold a whole 784x400 record next to the loop state. */
#ifndef GOLDEN_CHUNK
#define GOLDEN_CHUNK RECORD_MAX
#endif

static uint8_t record[GOLDEN_CHUNK];
static uint8_t header[40 + SNN_MAX_INPUTS + 4];
static snn_lif_state state;

#ifndef GOLDEN_IMAGE_HOOK
/* Where images go unless the platform has its own place (golden_io.h): a RAM buffer. */
#define IMAGE_MAX (1u << 20)
static uint32_t image_words[IMAGE_MAX / 4];

const uint8_t *gio_image_load(int h, uint32_t len, char *why, uint32_t cap)
{
    snn_fmt f;
    snn_fmt_init(&f, why, cap);
    if (len > IMAGE_MAX || gio_read(h, (uint8_t *)image_words, len) != 0) {
        snn_fmt_str(&f, "cannot read the image");
        return 0;
    }
    return (const uint8_t *)image_words;
}
#endif

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
    if (gio_read(c->h, record, 8) != 0) {
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
    /* the record's arrays in file order: v[n], v_inh[n] (i32), exc_spiked, inh_spiked (u8, align4(n)) */
    for (uint32_t field = 0; field < 4 && what == 0; field++) {
        uint32_t width = field < 2 ? 4 : 1;
        uint32_t bytes = field < 2 ? 4 * n : align4(n);
        for (uint32_t off = 0; off < bytes && what == 0; off += GOLDEN_CHUNK) {
            uint32_t k = bytes - off < GOLDEN_CHUNK ? bytes - off : GOLDEN_CHUNK;
            if (gio_read(c->h, record, k) != 0) {
                snn_fmt_str(&f, "trace ends early");
                return 1;
            }
            for (uint32_t i = 0; i < k / width && what == 0; i++) {
                j = off / width + i;
                if (j >= n) {
                    break;
                }
                if (field == 0 && s->v[j] != snn_rd_i32(record + 4 * i)) {
                    what = "v", got = s->v[j], want = snn_rd_i32(record + 4 * i);
                } else if (field == 1 && s->v_inh[j] != snn_rd_i32(record + 4 * i)) {
                    what = "v_inh", got = s->v_inh[j], want = snn_rd_i32(record + 4 * i);
                } else if (field == 2 && s->exc_spiked[j] != record[i]) {
                    what = "exc_spiked", got = s->exc_spiked[j], want = record[i];
                } else if (field == 3 && s->inh_spiked[j] != record[i]) {
                    what = "inh_spiked", got = s->inh_spiked[j], want = record[i];
                }
            }
        }
    }
    if (what == 0) {
        return 0;
    }
    snn_fmt_str(&f, what);
    snn_fmt_str(&f, "[");
    snn_fmt_u32(&f, j);
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

/* Opens the image and hands it to gio_image_load; the image's bytes, or 0 with why filled. */
static const uint8_t *load_image(const char *path, uint32_t *len, char *why, uint32_t cap)
{
    int h = gio_open(path);
    int32_t l = h < 0 ? -1 : gio_length(h);
    const uint8_t *img = l < 0 ? 0 : gio_image_load(h, (uint32_t)l, why, cap);
    if (h >= 0) {
        gio_close(h);
    }
    if (img == 0 && l < 0) {
        snn_fmt f;
        snn_fmt_init(&f, why, cap);
        snn_fmt_str(&f, "cannot read ");
        snn_fmt_str(&f, path);
    }
    *len = (uint32_t)l;
    return img;
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
    const uint8_t *img = load_image(path, &len, why, cap);
    if (img == 0) {
        return 1;
    }
    snn_model m;
    snn_image_error e;
    snn_fmt f;
    snn_fmt_init(&f, why, cap);
    if (snn_image_parse(img, len, 1, &m, &e) != 0 || snn_image_fits(&m, &e) != 0) {
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
        } else {
            for (uint32_t j = 0; j < n && rc == 0; j++) {
                uint32_t i = j % (GOLDEN_CHUNK / 4);
                uint32_t k = n - j < GOLDEN_CHUNK / 4 ? n - j : GOLDEN_CHUNK / 4;
                if (i == 0 && gio_read(c.h, record, 4 * k) != 0) {
                    snn_fmt_str(&f, "trace has no final counts");
                    rc = 1;
                } else if (r.counts[j] != snn_rd_u32(record + 4 * i)) {
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

/* The next line of file h without its newline (cut at cap - 1 bytes); -1 at end of file. Byte by
 * byte, so that no RAM holds the whole index. */
static int read_line(int h, char *line, uint32_t cap)
{
    uint32_t k = 0;
    uint8_t ch;
    int got = 0;
    while (gio_read(h, &ch, 1) == 0) {
        got = 1;
        if (ch == '\n') {
            break;
        }
        if (k + 1 < cap) {
            line[k++] = (char)ch;
        }
    }
    line[k] = 0;
    return got ? 0 : -1;
}

int golden_check_dir(const char *dir)
{
    char path[256];
    snn_fmt p;
    snn_fmt_init(&p, path, sizeof path);
    snn_fmt_str(&p, dir);
    snn_fmt_str(&p, "/index.txt");
    int h = gio_open(path);
    if (h < 0 || gio_length(h) < 0) {
        say("golden: cannot read ", path);
        gio_print("\n");
        return -1;
    }
    int cases = 0;
    int failed = 0;
    char line[64];
    while (read_line(h, line, sizeof line) == 0) {
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
    }
    gio_close(h);
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
