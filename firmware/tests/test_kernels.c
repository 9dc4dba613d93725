/*
 * Every kernel against a plain transcription of device-spec section 7 (spec_step below, written
 * like the spec's pseudo-code and sharing no code with the kernels) on random models within the ranges of device-spec section
 * 2: the whole state (v, v_inh, ref, ref_inh, exc_spiked, inh_spiked, count) after every step of
 * every presentation must be identical, and so must the result. The models are drawn to reach
 * every path: more spiking rows than a lane holds, bounds that force the 64-bit step 3, leaks of
 * one half or more (the DSP and MVE kernels' fallback), neuron counts that leave partial groups,
 * refractory periods, inhibition that reaches the floor. Also leak() in 32-bit pieces (M0) against
 * the spec's int64 form. Run by `make test` under ASan and UBSan; exit 1 on the first difference.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "snn_arith.h"
#include "snn_kernel.h"

#define MAX_N 70
#define MAX_IN 300
#define MAX_STEPS 40

static uint32_t rng = 12345u;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

static uint32_t below(uint32_t n)
{
    return next() % n;
}

/* A value in 0..max, often at an edge. */
static int64_t edgy(int64_t max)
{
    switch (below(6)) {
    case 0:
        return 0;
    case 1:
        return max;
    case 2:
        return (int64_t)below(64);
    default:
        return (int64_t)(((uint64_t)next() << 32 | next()) % (uint64_t)(max + 1));
    }
}

typedef struct {
    int32_t v[MAX_N], v_inh[MAX_N];
    uint16_t count[MAX_N];
    uint8_t ref[MAX_N], ref_inh[MAX_N], exc[MAX_N], inh[MAX_N];
} snapshot;

typedef struct {
    snapshot steps[4 * MAX_STEPS];
    uint32_t taken;
} recording;

static int record(void *ctx, uint32_t presentation, uint32_t t, const snn_lif_state *s, uint16_t n)
{
    recording *r = (recording *)ctx;
    (void)presentation;
    (void)t;
    if (r->taken >= sizeof r->steps / sizeof r->steps[0]) {
        return 0;
    }
    snapshot *p = &r->steps[r->taken++];
    memset(p, 0, sizeof *p);
    memcpy(p->v, s->v, 4u * n);
    memcpy(p->v_inh, s->v_inh, 4u * n);
    memcpy(p->count, s->count, 2u * n);
    memcpy(p->ref, s->ref, n);
    memcpy(p->ref_inh, s->ref_inh, n);
    memcpy(p->exc, s->exc_spiked, n);
    memcpy(p->inh, s->inh_spiked, n);
    return 0;
}

static uint32_t weights[MAX_IN * ((MAX_N * 8 + 31) / 32)];
static int32_t neuron_sec[3 * MAX_N];
static uint8_t labels[MAX_N];
static uint16_t rate[256];
static uint8_t pixels[MAX_IN];
static snn_lif_state state;
static recording want, got;

static void random_model(snn_model *m)
{
    static const uint8_t bits[3] = {2, 4, 8};
    memset(m, 0, sizeof *m);
    m->inputs = (uint16_t)(1 + below(MAX_IN));
    m->neurons = (uint16_t)(1 + below(MAX_N));
    m->classes = (uint8_t)(1 + below(10));
    m->weight_bits = bits[below(3)];
    m->weight_row_bytes = 4u * ((m->neurons * m->weight_bits + 31u) / 32u);
    const uint32_t wmax = (1u << m->weight_bits) - 1u;
    const uint32_t words = m->weight_row_bytes / 4u;
    const uint32_t density = below(4); /* 0: sparse .. 3: every weight at its maximum */
    for (uint32_t i = 0; i < m->inputs; i++) {
        for (uint32_t q = 0; q < words; q++) {
            uint32_t w = 0;
            for (uint32_t k = 0; k < 32u / m->weight_bits; k++) {
                uint32_t j = q * (32u / m->weight_bits) + k;
                uint32_t f = density == 3 ? wmax : below(4) < density + 1 ? below(wmax + 1) : 0;
                if (j < m->neurons) {
                    w |= f << (k * m->weight_bits);
                }
            }
            weights[i * words + q] = w;
        }
    }
    const int big = below(4) == 0; /* thresholds and inhibition near 2^31: the 64-bit step 3 */
    for (uint32_t j = 0; j < m->neurons; j++) {
        neuron_sec[j] = (int32_t)(big ? edgy(INT32_MAX) : edgy(1 << (8 + below(16))));
        neuron_sec[m->neurons + j] = (int32_t)(big ? edgy(INT32_MAX) : edgy(1 << below(24)));
        neuron_sec[2 * m->neurons + j] = (int32_t)-(big ? edgy(INT32_MAX) : edgy(1 << below(28)));
        if (big && below(8) == 0) {
            neuron_sec[2 * m->neurons + j] = INT32_MIN;
        }
        labels[j] = (uint8_t)below(m->classes);
    }
    m->weights = (const uint8_t *)weights;
    m->neuron_sec = (const uint8_t *)neuron_sec;
    m->labels = labels;
    for (uint32_t p = 0; p < 256; p++) {
        rate[p] = (uint16_t)(p == 0 ? 0 : below(3) == 0 ? edgy(65535) : below(1u << (4 + below(12))));
    }
    m->rate_q16 = (const uint8_t *)rate;
    m->steps = (uint16_t)(1 + below(MAX_STEPS));
    static const uint32_t leaks[] = {0, 1, 655, 6554, 32767, 32768, 40000, 65535, 65536};
    m->leak_exc_q16 = below(3) == 0 ? below(65537) : leaks[below(9)];
    m->leak_inh_q16 = below(3) == 0 ? below(65537) : leaks[below(9)];
    m->refractory_exc = (uint8_t)(below(2) ? below(6) : below(256));
    m->refractory_inh = (uint8_t)(below(2) ? below(4) : below(256));
    m->v_shift = (uint8_t)below(17);
    m->decision = (uint8_t)below(2);
    m->w_exc_to_inh = (int32_t)edgy((1 << 30) - 1);
    m->threshold_inh = (int32_t)edgy((1 << 30) - 1);
    m->intensity_max = (uint8_t)(1 + below(4));
    m->intensity = (uint8_t)(1 + below(m->intensity_max));
    m->min_spikes = below(3) == 0 ? 0 : below(40);
    for (uint32_t i = 0; i < m->inputs; i++) {
        pixels[i] = (uint8_t)(below(3) == 0 ? 0 : next());
    }
}

/* Steps 1, 3 and 4 exactly as the spec writes them: int64, one neuron at a time. */
static uint32_t spec_step(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out)
{
    const uint32_t n = m->neurons;
    for (uint32_t j = 0; j < n; j++) {
        int64_t sum = 0;
        for (uint32_t r = 0; r < rows; r++) {
            uint32_t bit = j * m->weight_bits;
            uint32_t word = snn_rd_u32(m->weights + s->spiking_row[r] * m->weight_row_bytes + bit / 32u * 4u);
            sum += (word >> (bit % 32u)) & ((1u << m->weight_bits) - 1u);
        }
        s->acc[j] = (int32_t)sum;
    }
    uint32_t spikes = 0;
    for (uint32_t j = 0; j < n; j++) {
        if (s->ref[j] > 0) {
            s->ref[j]--;
            s->exc_spiked[j] = 0;
            continue;
        }
        int64_t x = (int64_t)snn_leak(s->v[j], m->leak_exc_q16) + ((int64_t)s->acc[j] << m->v_shift)
                    - (int64_t)(inh - s->inh_spiked[j]) * snn_rd_i32(m->neuron_sec + 4 * (n + j));
        int32_t v = snn_clamp(x, snn_rd_i32(m->neuron_sec + 4 * (2 * n + j)));
        s->exc_spiked[j] = v > snn_rd_i32(m->neuron_sec + 4 * j);
        if (s->exc_spiked[j]) {
            s->count[j]++;
            s->v[j] = 0;
            s->ref[j] = m->refractory_exc;
            spikes++;
        } else {
            s->v[j] = v;
        }
    }
    uint32_t inh_spikes = 0;
    for (uint32_t j = 0; j < n; j++) {
        if (s->ref_inh[j] > 0) {
            s->ref_inh[j]--;
            s->inh_spiked[j] = 0;
            continue;
        }
        int32_t y = snn_leak(s->v_inh[j], m->leak_inh_q16) + (s->exc_spiked[j] ? m->w_exc_to_inh : 0);
        s->inh_spiked[j] = y > m->threshold_inh;
        if (s->inh_spiked[j]) {
            s->v_inh[j] = 0;
            s->ref_inh[j] = m->refractory_inh;
            inh_spikes++;
        } else {
            s->v_inh[j] = y;
        }
    }
    *inh_out = inh_spikes;
    return spikes;
}

static const snn_kernel spec_kernel = {"spec", spec_step, 0};

static int same(const snapshot *a, const snapshot *b, uint32_t n, const char **what, uint32_t *j)
{
    for (*j = 0; *j < n; (*j)++) {
        *what = a->v[*j] != b->v[*j] ? "v"
                : a->v_inh[*j] != b->v_inh[*j] ? "v_inh"
                : a->count[*j] != b->count[*j] ? "count"
                : a->ref[*j] != b->ref[*j] ? "ref"
                : a->ref_inh[*j] != b->ref_inh[*j] ? "ref_inh"
                : a->exc[*j] != b->exc[*j] ? "exc_spiked"
                : a->inh[*j] != b->inh[*j] ? "inh_spiked"
                                           : 0;
        if (*what != 0) {
            return 0;
        }
    }
    return 1;
}

static int compare_kernel(const snn_kernel *k, uint32_t trials)
{
    rng = 12345u;
    for (uint32_t trial = 0; trial < trials; trial++) {
        snn_model m;
        random_model(&m);
        uint32_t seed = next();
        snn_lif_result a, b;
        want.taken = got.taken = 0;
        snn_lif_kernel = &spec_kernel;
        snn_lif_run(&m, &state, pixels, seed, record, &want, &a);
        snn_lif_kernel = k;
        snn_lif_run(&m, &state, pixels, seed, record, &got, &b);
        snn_lif_kernel = &SNN_KERNEL_DEFAULT;
        const char *what = 0;
        uint32_t j = 0;
        for (uint32_t t = 0; t < want.taken; t++) {
            if (!same(&want.steps[t], &got.steps[t], m.neurons, &what, &j)) {
                printf("test_kernels: %s differs from the spec: trial %u, step record %u, %s[%u] "
                       "(%u bits, %u inputs, %u neurons, v_shift %u, leaks %u/%u)\n",
                       k->name, trial, t, what, j, m.weight_bits, m.inputs, m.neurons, m.v_shift, m.leak_exc_q16,
                       m.leak_inh_q16);
                return 1;
            }
        }
        if (want.taken != got.taken || a.label != b.label || a.steps != b.steps || a.presentations != b.presentations
            || a.total_spikes != b.total_spikes) {
            printf("test_kernels: %s differs from the spec in its result, trial %u\n", k->name, trial);
            return 1;
        }
    }
    printf("test_kernels: %s identical to the spec on %u random models (every step)\n", k->name, trials);
    return 0;
}

static int leak_split(void)
{
    static const int32_t vs[] = {0, 1, -1, 2, -2, 32767, -32768, 65535, 65536, -65536, -65537, INT32_MAX, INT32_MIN,
                                 INT32_MIN + 1, 123456789, -123456789};
    static const uint32_t ks[] = {0, 1, 2, 655, 6554, 32767, 32768, 32769, 65535, 65536};
    for (uint32_t a = 0; a < sizeof vs / sizeof vs[0]; a++) {
        for (uint32_t b = 0; b < sizeof ks / sizeof ks[0]; b++) {
            if (snn_leak_split(vs[a], ks[b]) != snn_leak(vs[a], ks[b])) {
                printf("test_kernels: snn_leak_split(%d, %u) = %d, leak = %d\n", vs[a], ks[b],
                       snn_leak_split(vs[a], ks[b]), snn_leak(vs[a], ks[b]));
                return 1;
            }
        }
    }
    for (uint32_t i = 0; i < 2000000; i++) {
        int32_t v = (int32_t)next();
        uint32_t k = below(65537);
        if (snn_leak_split(v, k) != snn_leak(v, k)) {
            printf("test_kernels: snn_leak_split(%d, %u) = %d, leak = %d\n", v, k, snn_leak_split(v, k), snn_leak(v, k));
            return 1;
        }
    }
    printf("test_kernels: leak in 32-bit pieces = leak in int64 on 2,000,160 values\n");
    return 0;
}

int main(void)
{
    int failed = leak_split();
    const uint32_t trials = 400;
    failed |= compare_kernel(&snn_kernel_portable, trials);
#ifdef SNN_HAVE_KERNEL_DSP
    failed |= compare_kernel(&snn_kernel_dsp, trials);
#endif
#ifdef SNN_HAVE_KERNEL_MVE
    failed |= compare_kernel(&snn_kernel_mve, trials);
#endif
    return failed;
}
