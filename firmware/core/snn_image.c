#include "snn_image.h"
#include "snn_arith.h"
#include "snn_fmt.h"
#include "snn_sha256.h"

enum {
    H_MAGIC = 0, H_FORMAT = 4, H_SPEC = 6, H_IMAGE_BYTES = 8, H_INPUTS = 12, H_NEURONS = 14, H_CLASSES = 16,
    H_WEIGHT_BITS = 17, H_SECTION_COUNT = 18, H_FLAGS = 19, H_ROW_BYTES = 20, HEADER = 32, ENTRY = 16, SHA = 32,
    H_SECURITY_VERSION = 24, H_RESERVED = 28, FLAG_SIGNED = 1,
    SEC_WEIGHTS = 1, SEC_NEURONS = 2, SEC_LABELS = 3, SEC_PARAMS = 4, SEC_SELFTEST = 5, SEC_SCALE = 6,
    SEC_SIGNATURE = 7, SIGNATURE_BYTES = 76, ALG_ED25519 = 1,
    P_STEPS = 0, P_WEIGHT_MAX = 2, P_LEAK_EXC = 4, P_LEAK_INH = 8, P_REF_EXC = 12, P_REF_INH = 13, P_V_SHIFT = 14,
    P_DECISION = 15, P_W_EXC_TO_INH = 16, P_THRESHOLD_INH = 20, P_INTENSITY = 24, P_INTENSITY_MAX = 25, P_RESERVED = 26,
    P_MIN_SPIKES = 28, P_RATE = 32, PARAMS_BYTES = 544,
    S_SEED = 0, S_LABEL = 4, S_PRESENTATIONS = 5, S_RESERVED = 6, S_STEPS = 8, S_TOTAL = 12, S_PIXELS = 16,
};

#define MAGIC 0x494E4E53u
/* w_exc_to_inh and threshold_inh: their sum (step 4) is at most 2^31 - 2 and fits int32 */
#define MAX_INH_PARAM ((1 << 30) - 1)
/* bound of a commit's self-test work (spec 11.3) */
#define MAX_SELF_TEST_COST (UINT64_C(1) << 32)

static uint32_t align4(uint32_t x)
{
    return (x + 3u) & ~3u;
}

static uint32_t row_bytes(uint32_t neurons, uint32_t bits)
{
    return 4u * ((neurons * bits + 31u) / 32u);
}

static uint32_t section_bytes(uint32_t id, uint32_t inputs, uint32_t n, uint32_t bits)
{
    switch (id) {
    case SEC_WEIGHTS:
        return inputs * row_bytes(n, bits);
    case SEC_NEURONS:
        return 12u * n;
    case SEC_LABELS:
        return n;
    case SEC_PARAMS:
        return PARAMS_BYTES;
    case SEC_SELFTEST:
        return 16u + align4(inputs) + 2u * n;
    case SEC_SIGNATURE:
        return SIGNATURE_BYTES;
    default:
        return 4u * n;
    }
}

/* Records a refusal; always returns -1 so that callers can `return fail(...)`. */
static int fail(snn_image_error *e, const char *field, uint32_t offset, int64_t value, const char *expected,
                uint32_t index)
{
    e->field = field;
    e->offset = offset;
    e->value = value;
    e->expected = expected;
    e->index = index;
    return -1;
}

#define CHECK(ok, field, off, val, lim)                        \
    do {                                                       \
        if (!(ok)) {                                           \
            return fail(err, field, (uint32_t)(off), (int64_t)(val), lim, 0); \
        }                                                      \
    } while (0)

#define CHECK_AT(ok, field, j, off, val, lim)                  \
    do {                                                       \
        if (!(ok)) {                                           \
            return fail(err, field, (uint32_t)(off), (int64_t)(val), lim, (uint32_t)(j)); \
        }                                                      \
    } while (0)

/* Section names, for fields written "*.offset" (the index is the section id): "WEIGHTS.offset". */
static const char *const SECTION_NAME[8] = {"?", "WEIGHTS", "NEURONS", "LABELS", "PARAMS", "SELFTEST", "SCALE", "SIGNATURE"};

/* The first nonzero byte in [from, to), or -1. */
static int64_t first_nonzero(const uint8_t *img, uint32_t from, uint32_t to)
{
    for (uint32_t i = from; i < to; i++) {
        if (img[i] != 0) {
            return i;
        }
    }
    return -1;
}

/* Step 4 of spec 11.3: the header's fields in byte order. */
static int header(const uint8_t *img, snn_model *m, uint32_t *count, snn_image_error *err)
{
    m->inputs = snn_rd_u16(img + H_INPUTS);
    m->neurons = snn_rd_u16(img + H_NEURONS);
    m->classes = img[H_CLASSES];
    m->weight_bits = img[H_WEIGHT_BITS];
    *count = img[H_SECTION_COUNT];
    CHECK(m->inputs >= 1, "inputs", H_INPUTS, m->inputs, "1..65535");
    CHECK(m->neurons >= 1, "neurons", H_NEURONS, m->neurons, "1..65535");
    CHECK(m->classes >= 1, "classes", H_CLASSES, m->classes, "1..255");
    CHECK(m->weight_bits == 2 || m->weight_bits == 4 || m->weight_bits == 8, "weight_bits", H_WEIGHT_BITS,
          m->weight_bits, "2, 4 or 8");
    CHECK(*count >= 5 && *count <= 7, "section_count", H_SECTION_COUNT, *count, "5..7");
    /* flags are checked after the section table: they say whether there is a SIGNATURE section */
    m->weight_row_bytes = snn_rd_u32(img + H_ROW_BYTES);
    CHECK(m->weight_row_bytes == row_bytes(m->neurons, m->weight_bits), "weight_row_bytes", H_ROW_BYTES,
          m->weight_row_bytes, "4 * ceil(neurons * weight_bits / 32)");
    m->security_version = snn_rd_u32(img + H_SECURITY_VERSION);
    int64_t nz = first_nonzero(img, H_RESERVED, HEADER);
    CHECK(nz < 0, "header.reserved", nz, nz < 0 ? 0 : img[nz], "0");
    return 0;
}

/* Step 5: entry by entry, each section exactly where the layout of spec 11.4 puts it, so that no
 * byte is outside a section, its alignment padding, the header or the trailer. */
static int sections(const uint8_t *img, uint32_t len, uint32_t count, const snn_model *m, uint32_t at[8],
                    snn_image_error *err)
{
    for (uint32_t id = 0; id < 8; id++) {
        at[id] = 0xFFFFFFFFu;
    }
    uint64_t prev_end = HEADER + (uint64_t)ENTRY * count;
    uint64_t end = len - SHA;
    for (uint32_t k = 0; k < count; k++) {
        const uint8_t *e = img + HEADER + k * ENTRY;
        uint32_t eo = HEADER + k * ENTRY;
        uint32_t id = snn_rd_u32(e);
        uint64_t o = snn_rd_u32(e + 4);
        uint64_t l = snn_rd_u32(e + 8);
        CHECK_AT(id >= SEC_WEIGHTS && id <= SEC_SIGNATURE, "section[].id", k, eo, id, "1..7");
        CHECK_AT(at[id] == 0xFFFFFFFFu, "section[].id", k, eo, id, "each section once");
        CHECK_AT(o == ((prev_end + 3u) & ~(uint64_t)3u), "*.offset", id, eo + 4, o, "align4(previous end)");
        CHECK_AT(l == section_bytes(id, m->inputs, m->neurons, m->weight_bits), "*.length", id, eo + 8, l,
                 "the length for this shape");
        CHECK_AT(snn_rd_u32(e + 12) == 0, "section[].reserved", k, eo + 12, snn_rd_u32(e + 12), "0");
        CHECK_AT(o + l <= end, "*.end", id, eo + 4, o + l, "<= image_bytes - 32");
        if (id == SEC_SIGNATURE) {
            CHECK(k == count - 1, "SIGNATURE", eo, k, "the last section of the table");
            CHECK(o + l == end, "SIGNATURE.end", eo + 4, o + l, "where the trailer starts");
        }
        at[id] = (uint32_t)o;
        prev_end = o + l;
    }
    for (uint32_t id = SEC_WEIGHTS; id <= SEC_SELFTEST; id++) {
        CHECK(at[id] != 0xFFFFFFFFu, "section_table", HEADER, id, "WEIGHTS, NEURONS, LABELS, PARAMS and SELFTEST present");
    }
    CHECK(len == ((prev_end + 3u) & ~(uint64_t)3u) + SHA, "image_bytes", H_IMAGE_BYTES, len,
          "align4(end of last section) + 32");
    return 0;
}

/* Step 6: the 0..3 alignment bytes after each section are zero. */
static int padding(const uint8_t *img, const uint32_t at[8], const snn_model *m, snn_image_error *err)
{
    for (uint32_t id = SEC_WEIGHTS; id <= SEC_SIGNATURE; id++) {
        if (at[id] == 0xFFFFFFFFu) {
            continue;
        }
        uint32_t from = at[id] + section_bytes(id, m->inputs, m->neurons, m->weight_bits);
        int64_t nz = first_nonzero(img, from, align4(from));
        CHECK(nz < 0, "padding", nz, nz < 0 ? 0 : img[nz], "0");
    }
    return 0;
}

/* Step 7: PARAMS in byte order (intensity_max before intensity, which it bounds), then the cost of
 * the self-test. */
static int params(const uint8_t *img, uint32_t p, snn_model *m, snn_image_error *err)
{
    const uint8_t *q = img + p;
    m->steps = snn_rd_u16(q + P_STEPS);
    m->leak_exc_q16 = snn_rd_u32(q + P_LEAK_EXC);
    m->leak_inh_q16 = snn_rd_u32(q + P_LEAK_INH);
    m->refractory_exc = q[P_REF_EXC];
    m->refractory_inh = q[P_REF_INH];
    m->v_shift = q[P_V_SHIFT];
    m->decision = q[P_DECISION];
    m->w_exc_to_inh = snn_rd_i32(q + P_W_EXC_TO_INH);
    m->threshold_inh = snn_rd_i32(q + P_THRESHOLD_INH);
    m->intensity = q[P_INTENSITY];
    m->intensity_max = q[P_INTENSITY_MAX];
    m->min_spikes = snn_rd_u32(q + P_MIN_SPIKES);
    m->rate_q16 = q + P_RATE;
    uint32_t wmax = snn_rd_u16(q + P_WEIGHT_MAX);
    CHECK(m->steps >= 1, "steps", p + P_STEPS, m->steps, "1..65535");
    CHECK(wmax == (1u << m->weight_bits) - 1u, "weight_max", p + P_WEIGHT_MAX, wmax, "2^weight_bits - 1");
    CHECK(m->leak_exc_q16 <= 65536u, "leak_exc_q16", p + P_LEAK_EXC, m->leak_exc_q16, "0..65536");
    CHECK(m->leak_inh_q16 <= 65536u, "leak_inh_q16", p + P_LEAK_INH, m->leak_inh_q16, "0..65536");
    CHECK(m->v_shift <= 16, "v_shift", p + P_V_SHIFT, m->v_shift, "0..16");
    CHECK(m->decision <= 1, "decision", p + P_DECISION, m->decision, "0 (max-neuron) or 1 (vote)");
    CHECK(m->w_exc_to_inh >= 0 && m->w_exc_to_inh <= MAX_INH_PARAM, "w_exc_to_inh", p + P_W_EXC_TO_INH,
          m->w_exc_to_inh, "0..2^30-1");
    CHECK(m->threshold_inh >= 0 && m->threshold_inh <= MAX_INH_PARAM, "threshold_inh", p + P_THRESHOLD_INH,
          m->threshold_inh, "0..2^30-1");
    CHECK(m->intensity_max >= 1, "intensity_max", p + P_INTENSITY_MAX, m->intensity_max, "1..255");
    CHECK(m->intensity >= 1 && m->intensity <= m->intensity_max, "intensity", p + P_INTENSITY, m->intensity,
          "1..intensity_max");
    CHECK(snn_rd_u16(q + P_RESERVED) == 0, "params.reserved", p + P_RESERVED, snn_rd_u16(q + P_RESERVED), "0");
    CHECK(m->min_spikes <= (uint32_t)INT32_MAX, "min_spikes", p + P_MIN_SPIKES, m->min_spikes, "0..2^31-1");
    uint64_t cost = (uint64_t)m->steps * (uint64_t)(m->intensity_max - m->intensity + 1u) * m->neurons
                    * ((uint64_t)m->inputs + 1u);
    CHECK(cost <= MAX_SELF_TEST_COST, "self_test_cost", p + P_STEPS, cost, "<= 2^32");
    return 0;
}

/* Steps 8 and 9: NEURONS and LABELS neuron by neuron, then SELFTEST in byte order (the total last,
 * after the counts it sums). */
static int neurons_and_selftest(const uint8_t *img, const uint32_t at[8], snn_model *m, snn_image_error *err)
{
    const uint32_t n = m->neurons;
    const uint32_t o = at[SEC_NEURONS];
    for (uint32_t j = 0; j < n; j++) {
        int32_t thr = snn_rd_i32(img + o + 4 * j);
        int32_t inh = snn_rd_i32(img + o + 4 * (n + j));
        int32_t flo = snn_rd_i32(img + o + 4 * (2 * n + j));
        CHECK_AT(thr >= 0, "threshold[]", j, o + 4 * j, thr, ">= 0");
        CHECK_AT(inh >= 0, "inhibition[]", j, o + 4 * (n + j), inh, ">= 0");
        CHECK_AT(flo <= 0, "v_floor[]", j, o + 4 * (2 * n + j), flo, "<= 0");
        CHECK_AT(m->labels[j] < m->classes, "label[]", j, at[SEC_LABELS] + j, m->labels[j], "0..classes-1");
    }
    const uint32_t st = at[SEC_SELFTEST];
    const uint8_t *s = img + st;
    m->st_seed = snn_rd_u32(s + S_SEED);
    m->st_label = s[S_LABEL];
    m->st_presentations = s[S_PRESENTATIONS];
    m->st_steps = snn_rd_u32(s + S_STEPS);
    m->st_total = snn_rd_u32(s + S_TOTAL);
    m->st_pixels = s + S_PIXELS;
    m->st_counts = s + S_PIXELS + align4(m->inputs);
    CHECK(m->st_label == SNN_LABEL_NONE || m->st_label < m->classes, "selftest.expected_label", st + S_LABEL,
          m->st_label, "0..classes-1 or 255");
    uint32_t max_pres = (uint32_t)m->intensity_max - m->intensity + 1u;
    CHECK(m->st_presentations >= 1 && m->st_presentations <= max_pres, "selftest.expected_presentations",
          st + S_PRESENTATIONS, m->st_presentations, "1..intensity_max-intensity+1");
    CHECK(snn_rd_u16(s + S_RESERVED) == 0, "selftest.reserved", st + S_RESERVED, snn_rd_u16(s + S_RESERVED), "0");
    CHECK(m->st_steps == (uint32_t)m->st_presentations * m->steps, "selftest.expected_steps", st + S_STEPS,
          m->st_steps, "presentations*steps");
    int64_t nz = first_nonzero(img, st + S_PIXELS + m->inputs, st + S_PIXELS + align4(m->inputs));
    CHECK(nz < 0, "selftest.padding", nz, nz < 0 ? 0 : img[nz], "0");
    uint64_t sum = 0;
    const uint32_t c = st + S_PIXELS + align4(m->inputs);
    for (uint32_t j = 0; j < n; j++) {
        uint32_t e = snn_rd_u16(m->st_counts + 2 * j);
        CHECK_AT(e <= m->steps, "selftest.expected_counts[]", j, c + 2 * j, e, "0..steps");
        sum += e;
    }
    CHECK(sum == m->st_total, "selftest.expected_total_spikes", st + S_TOTAL, m->st_total,
          "the sum of expected_counts");
    return 0;
}

/* Step 10: bits after the last neuron's field in each row must be 0 (offset: the row's first byte). */
static int row_padding(const uint8_t *img, uint32_t w, const snn_model *m, snn_image_error *err)
{
    const uint32_t used = (uint32_t)m->neurons * m->weight_bits;
    const uint32_t full = m->weight_row_bytes * 8u;
    if (used == full) {
        return 0;
    }
    const uint32_t last = (used / 32u) * 4u;       /* byte offset of the word holding the end */
    const uint32_t keep = used % 32u;               /* bits of that word that are weights */
    for (uint32_t i = 0; i < m->inputs; i++) {
        const uint8_t *row = img + w + i * m->weight_row_bytes;
        int bad = keep != 0 && (snn_rd_u32(row + last) >> keep) != 0;
        for (uint32_t b = last + (keep != 0 ? 4u : 0u); b < m->weight_row_bytes; b++) {
            bad |= row[b] != 0;
        }
        if (bad) {
            return fail(err, "weights.padding", w + i * m->weight_row_bytes, i, "0", i);
        }
    }
    return 0;
}

int snn_image_parse(const uint8_t *img, uint32_t len, int check_sha, snn_model *m, snn_image_error *err)
{
    CHECK(len >= HEADER + SHA, "length", 0, len, ">= 64 bytes (truncated)");
    CHECK(snn_rd_u32(img + H_MAGIC) == MAGIC, "magic", H_MAGIC, snn_rd_u32(img), "0x494E4E53 (\"SNNI\")");
    CHECK(snn_rd_u16(img + H_FORMAT) == 1, "format_version", H_FORMAT, snn_rd_u16(img + H_FORMAT), "1");
    CHECK(snn_rd_u16(img + H_SPEC) == 1, "spec_version", H_SPEC, snn_rd_u16(img + H_SPEC), "1");
    CHECK(snn_rd_u32(img + H_IMAGE_BYTES) == len, "image_bytes", H_IMAGE_BYTES, snn_rd_u32(img + H_IMAGE_BYTES),
          "the stored length");
    CHECK(len % 4u == 0, "image_bytes", H_IMAGE_BYTES, len, "a multiple of 4");
    if (check_sha) {
        uint8_t want[32];
        snn_sha256(img, len - SHA, want);
        for (uint32_t i = 0; i < 32; i++) {
            CHECK(want[i] == img[len - SHA + i], "sha256", len - SHA, img[len - SHA + i],
                  "the SHA-256 of the bytes before it (corrupt image)");
        }
    }
    uint32_t count;
    uint32_t at[8];
    if (header(img, m, &count, err) != 0 || sections(img, len, count, m, at, err) != 0) {
        return -1;
    }
    /* Step 6: the flags say whether there is a SIGNATURE section; a signature names its algorithm
     * (verified by the board against its trust store, not here). */
    const int signed_image = at[SEC_SIGNATURE] != 0xFFFFFFFFu;
    CHECK(img[H_FLAGS] == (signed_image ? FLAG_SIGNED : 0), "flags", H_FLAGS, img[H_FLAGS],
          "1 with a SIGNATURE section, else 0");
    m->signature = 0;
    if (signed_image) {
        const uint8_t *g = img + at[SEC_SIGNATURE];
        CHECK(snn_rd_u32(g) == ALG_ED25519, "SIGNATURE.algorithm", at[SEC_SIGNATURE], snn_rd_u32(g),
              "1 (Ed25519; bytes 1..3 zero)");
        m->signature = g;
    }
    if (padding(img, at, m, err) != 0) {
        return -1;
    }
    m->weights = img + at[SEC_WEIGHTS];
    m->neuron_sec = img + at[SEC_NEURONS];
    m->labels = img + at[SEC_LABELS];
    if (params(img, at[SEC_PARAMS], m, err) != 0 || neurons_and_selftest(img, at, m, err) != 0) {
        return -1;
    }
    return row_padding(img, at[SEC_WEIGHTS], m, err);
}

void snn_image_field(const snn_image_error *e, char *out, uint32_t cap)
{
    snn_fmt f;
    snn_fmt_init(&f, out, cap);
    char c[2] = {0, 0};
    for (const char *s = e->field; *s != 0; s++) {
        if (s[0] == '*') {
            snn_fmt_str(&f, SECTION_NAME[e->index < 8 ? e->index : 0]);
            continue;
        }
        c[0] = s[0];
        snn_fmt_str(&f, c);
        if (s[0] == '[' && s[1] == ']') {
            snn_fmt_u32(&f, e->index);
        }
    }
}

int snn_image_fits(const snn_model *m, snn_image_error *err)
{
    CHECK(m->inputs <= SNN_MAX_INPUTS, "inputs", H_INPUTS, m->inputs, "<= this firmware's SNN_MAX_INPUTS");
    CHECK(m->neurons <= SNN_MAX_NEURONS, "neurons", H_NEURONS, m->neurons, "<= this firmware's SNN_MAX_NEURONS");
    return 0;
}

int snn_image_selftest(const snn_model *m, snn_lif_state *s, char *why, uint32_t cap)
{
    snn_lif_result r;
    snn_lif_run(m, s, m->st_pixels, m->st_seed, 0, 0, &r);
    snn_fmt f;
    snn_fmt_init(&f, why, cap);
    for (uint32_t j = 0; j < m->neurons; j++) {
        uint32_t want = snn_rd_u16(m->st_counts + 2 * j);
        if (r.counts[j] != want) {
            snn_fmt_str(&f, "self-test: neuron ");
            snn_fmt_u32(&f, j);
            snn_fmt_str(&f, " spiked ");
            snn_fmt_u32(&f, r.counts[j]);
            snn_fmt_str(&f, " times, expected ");
            snn_fmt_u32(&f, want);
            return -1;
        }
    }
    if (r.label != m->st_label || r.presentations != m->st_presentations || r.steps != m->st_steps
        || r.total_spikes != m->st_total) {
        snn_fmt_str(&f, "self-test: label/presentations/steps/total ");
        snn_fmt_u32(&f, r.label);
        snn_fmt_str(&f, "/");
        snn_fmt_u32(&f, r.presentations);
        snn_fmt_str(&f, "/");
        snn_fmt_u32(&f, r.steps);
        snn_fmt_str(&f, "/");
        snn_fmt_u32(&f, r.total_spikes);
        snn_fmt_str(&f, ", expected ");
        snn_fmt_u32(&f, m->st_label);
        snn_fmt_str(&f, "/");
        snn_fmt_u32(&f, m->st_presentations);
        snn_fmt_str(&f, "/");
        snn_fmt_u32(&f, m->st_steps);
        snn_fmt_str(&f, "/");
        snn_fmt_u32(&f, m->st_total);
        return -1;
    }
    return 0;
}
