/*
 * The loop of docs/device-spec.md section 7, written as the spec's pseudo-code with one change of
 * order that leaves every result the same: step 1 first draws the random numbers of all active
 * inputs (in ascending order, as the spec), listing the inputs that spike, and then sums their weight
 * rows word by word. Each weight word holds 32/b neurons of b bits; its fields are added two at a
 * time in 16-bit lanes of one uint32 (neuron k in the low half, neuron k + 16/b in the high half), so
 * one add serves two neurons. A lane may take 65535 / weight_max rows before it could carry into the
 * next, so the lanes are emptied into acc[] at least that often: the sums are exact.
 */
#include "snn_lif.h"
#include "snn_arith.h"

static inline int32_t threshold_of(const snn_model *m, uint32_t j)
{
    return snn_rd_i32(m->neuron_sec + 4 * j);
}

static inline int32_t inhibition_of(const snn_model *m, uint32_t j)
{
    return snn_rd_i32(m->neuron_sec + 4 * ((uint32_t)m->neurons + j));
}

static inline int32_t floor_of(const snn_model *m, uint32_t j)
{
    return snn_rd_i32(m->neuron_sec + 4 * (2 * (uint32_t)m->neurons + j));
}

/* One weight word of row r, word q (rows are 4-byte aligned, little-endian). */
static inline uint32_t weight_word(const snn_model *m, uint32_t row, uint32_t q)
{
    return snn_rd_u32(m->weights + row * m->weight_row_bytes + 4 * q);
}

/*
 * acc[j] = sum over the spiking rows of w[row][j]. FIELDS = 32 / bits weights per word; lane k of a
 * word (k < FIELDS/2) carries neurons q*FIELDS + k (low 16 bits) and q*FIELDS + FIELDS/2 + k (high).
 */
#define ACCUMULATE(BITS)                                                                          \
    do {                                                                                          \
        enum { FIELDS = 32 / (BITS), LANES = 16 / (BITS) };                                       \
        const uint32_t mask = ((1u << (BITS)) - 1u) * 0x00010001u;                                \
        for (uint32_t q = 0; q < words; q++) {                                                    \
            int32_t *a = s->acc + q * FIELDS;                                                     \
            for (uint32_t k = 0; k < FIELDS; k++) {                                               \
                a[k] = 0;                                                                         \
            }                                                                                     \
            uint32_t r = 0;                                                                       \
            while (r < rows) {                                                                    \
                uint32_t end = rows - r > per_flush ? r + per_flush : rows;                       \
                uint32_t lane[LANES];                                                             \
                for (uint32_t k = 0; k < LANES; k++) {                                            \
                    lane[k] = 0;                                                                  \
                }                                                                                 \
                for (; r < end; r++) {                                                            \
                    uint32_t w = weight_word(m, s->spiking_row[r], q);                            \
                    for (uint32_t k = 0; k < LANES; k++) {                                        \
                        lane[k] += (w >> (k * (BITS))) & mask;                                    \
                    }                                                                             \
                }                                                                                 \
                for (uint32_t k = 0; k < LANES; k++) {                                            \
                    a[k] += (int32_t)(lane[k] & 0xFFFFu);                                         \
                    a[k + LANES] += (int32_t)(lane[k] >> 16);                                     \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
    } while (0)

static void accumulate(const snn_model *m, snn_lif_state *s, uint32_t rows)
{
    const uint32_t words = m->weight_row_bytes / 4;
    const uint32_t per_flush = 65535u / ((1u << m->weight_bits) - 1u);
    switch (m->weight_bits) {
    case 2:
        ACCUMULATE(2);
        break;
    case 4:
        ACCUMULATE(4);
        break;
    default:
        ACCUMULATE(8);
        break;
    }
}

/* Steps 2 and 3: returns the number of excitatory spikes. */
static uint32_t excitatory(const snn_model *m, snn_lif_state *s, uint32_t inh)
{
    const uint32_t n = m->neurons;
    const uint32_t k = m->leak_exc_q16;
    const uint32_t shift = m->v_shift;
    uint32_t spikes = 0;
    for (uint32_t j = 0; j < n; j++) {
        if (s->ref[j] > 0) {
            s->ref[j]--;
            s->exc_spiked[j] = 0;
            continue;
        }
        int64_t x = (int64_t)snn_leak(s->v[j], k) + ((int64_t)s->acc[j] << shift);
        if (inh != 0) {
            x -= (int64_t)(inh - s->inh_spiked[j]) * inhibition_of(m, j);
        }
        int32_t v = snn_clamp(x, floor_of(m, j));
        if (v > threshold_of(m, j)) {
            s->exc_spiked[j] = 1;
            s->count[j]++;
            s->v[j] = 0;
            s->ref[j] = m->refractory_exc;
            spikes++;
        } else {
            s->exc_spiked[j] = 0;
            s->v[j] = v;
        }
    }
    return spikes;
}

/* Step 4: returns the number of inhibitory spikes (read by step 2 of the next step). */
static uint32_t inhibitory(const snn_model *m, snn_lif_state *s)
{
    const uint32_t n = m->neurons;
    uint32_t spikes = 0;
    for (uint32_t j = 0; j < n; j++) {
        if (s->ref_inh[j] > 0) {
            s->ref_inh[j]--;
            s->inh_spiked[j] = 0;
            continue;
        }
        /* v_inh in [0, threshold_inh + w_exc_to_inh] <= 2^31: the sum cannot overflow */
        int32_t y = snn_leak(s->v_inh[j], m->leak_inh_q16) + (s->exc_spiked[j] ? m->w_exc_to_inh : 0);
        if (y > m->threshold_inh) {
            s->inh_spiked[j] = 1;
            s->v_inh[j] = 0;
            s->ref_inh[j] = m->refractory_inh;
            spikes++;
        } else {
            s->inh_spiked[j] = 0;
            s->v_inh[j] = y;
        }
    }
    return spikes;
}

static void reset_state(const snn_model *m, snn_lif_state *s)
{
    for (uint32_t j = 0; j < SNN_NEURON_SLOTS; j++) {
        s->v[j] = 0;
        s->v_inh[j] = 0;
        s->count[j] = 0;
        s->ref[j] = 0;
        s->ref_inh[j] = 0;
        s->exc_spiked[j] = 0;
        s->inh_spiked[j] = 0;
    }
    (void)m;
}

int snn_lif_run(const snn_model *m, snn_lif_state *s, const uint8_t *pixels, uint32_t image_seed,
                snn_trace_fn trace, void *trace_ctx, snn_lif_result *out)
{
    uint32_t x = snn_rng_seed(image_seed);
    uint32_t steps_run = 0;
    uint32_t presentations = 0;
    uint32_t total = 0;
    for (uint32_t intensity = m->intensity; intensity <= m->intensity_max; intensity++) {
        presentations++;
        reset_state(m, s);
        uint32_t active = 0;
        for (uint32_t i = 0; i < m->inputs; i++) {
            uint32_t p = (uint32_t)snn_rd_u16(m->rate_q16 + 2 * pixels[i]) * intensity; /* < 2^24 */
            if (p > 65535u) {
                p = 65535u;
            }
            if (p > 0) {
                s->active_input[active] = (uint16_t)i;
                s->active_p[active++] = (uint16_t)p;
            }
        }
        uint32_t inh = 0;
        total = 0;
        for (uint32_t t = 0; t < m->steps; t++) {
            /* 1. input spikes: one draw per active input, ascending */
            uint32_t rows = 0;
            for (uint32_t a = 0; a < active; a++) {
                x = snn_rng_next(x);
                if ((x >> 16) < s->active_p[a]) {
                    s->spiking_row[rows++] = s->active_input[a];
                }
            }
            accumulate(m, s, rows);
            /* 2./3. excitatory, reading the inhibitory spikes of step t-1 */
            total += excitatory(m, s, inh);
            /* 4. inhibitory, reading this step's excitatory spikes */
            inh = inhibitory(m, s);
            steps_run++;
            if (trace != 0) {
                int rc = trace(trace_ctx, presentations - 1, t, s, m->neurons);
                if (rc != 0) {
                    return rc;
                }
            }
        }
        if (total >= m->min_spikes) {
            break;
        }
    }
    out->counts = s->count;
    out->steps = steps_run;
    out->presentations = presentations;
    out->total_spikes = total;
    out->label = snn_decide(m, s->count);
    return 0;
}

static uint32_t max_neuron(const snn_model *m, const uint16_t *counts)
{
    uint32_t best = 0;
    uint32_t best_count = 0;
    for (uint32_t j = 0; j < m->neurons; j++) {
        if (counts[j] > best_count) {
            best_count = counts[j];
            best = j;
        }
    }
    return best_count == 0 ? SNN_LABEL_NONE : m->labels[best];
}

/* Vote without per-class arrays: one pass over the neurons per class (classes * n compares, no RAM). */
static uint32_t vote(const snn_model *m, const uint16_t *counts)
{
    uint64_t total = 0;
    for (uint32_t j = 0; j < m->neurons; j++) {
        total += counts[j];
    }
    if (total == 0) {
        return SNN_LABEL_NONE;
    }
    uint32_t best = SNN_LABEL_NONE;
    uint64_t best_sum = 0;
    uint64_t best_num = 0;
    for (uint32_t c = 0; c < m->classes; c++) {
        uint64_t sum = 0;
        uint64_t num = 0;
        for (uint32_t j = 0; j < m->neurons; j++) {
            if (m->labels[j] == c) {
                sum += counts[j];
                num++;
            }
        }
        if (num == 0) {
            continue;
        }
        if (best == SNN_LABEL_NONE || sum * best_num > best_sum * num) {
            best = c;
            best_sum = sum;
            best_num = num;
        }
    }
    return best;
}

uint32_t snn_decide(const snn_model *m, const uint16_t *counts)
{
    return m->decision == SNN_DECISION_VOTE ? vote(m, counts) : max_neuron(m, counts);
}
