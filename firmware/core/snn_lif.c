/*
 * The loop of docs/device-spec.md sections 6 to 8: per presentation, the input probabilities; per
 * step, the draws of step 1 (one per active input, ascending, listing the inputs that spike), then
 * one call of the kernel (snn_kernel.h) for the row sums and steps 3 and 4. Then the decision of
 * section 9. The kernels keep the spec's arithmetic; this file keeps its order of draws.
 */
#if !defined(SNN_KERNEL_SMALL) && defined(__OPTIMIZE_SIZE__)
#pragma GCC optimize("O2") /* the loop keeps -O2 in a firmware built for size (FW_OPT = -Os) */
#endif
#include "snn_lif.h"
#include "snn_arith.h"
#include "snn_kernel.h"

const snn_kernel *snn_lif_kernel = &SNN_KERNEL_DEFAULT;

#if defined(SNN_KERNEL_SMALL)
#define SNN_UNROLL_DRAWS
#else
#define SNN_UNROLL_DRAWS _Pragma("GCC unroll 4")
#endif

/* Zeroes the state of neurons 0 .. n rounded up to 16 (the kernels read whole groups of at most 16
 * and never a neuron past that; the firmware's limits may be far larger than the model). */
static void reset_state(snn_lif_state *s, uint32_t n)
{
    const uint32_t slots = (n + 15u) / 16u * 16u;
    for (uint32_t j = 0; j < slots; j++) {
        s->v[j] = 0;
        s->v_inh[j] = 0;
        s->count[j] = 0;
        s->ref[j] = 0;
        s->ref_inh[j] = 0;
        s->exc_spiked[j] = 0;
        s->inh_spiked[j] = 0;
    }
    s->exc_marked = 0;
}

int snn_lif_run(const snn_model *m, snn_lif_state *s, const uint8_t *pixels, uint32_t image_seed,
                snn_trace_fn trace, void *trace_ctx, snn_lif_result *out)
{
    uint32_t x = snn_rng_seed(image_seed);
    uint32_t steps_run = 0;
    uint32_t presentations = 0;
    uint32_t total = 0;
    const snn_kernel *kernel = snn_lif_kernel;
    snn_kernel_bounds(m, &s->bounds);
    for (uint32_t intensity = m->intensity; intensity <= m->intensity_max; intensity++) {
        presentations++;
        reset_state(s, m->neurons);
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
            if (kernel->draws != 0) {
                rows = kernel->draws(s, active, t, &x);
            } else {
                SNN_UNROLL_DRAWS for (uint32_t a = 0; a < active; a++) {
                    x = snn_rng_next(x);
                    if ((x >> 16) < s->active_p[a]) {
                        s->spiking_row[rows++] = s->active_input[a];
                    }
                }
            }
            /* row sums; 2./3. excitatory, reading the inhibitory spikes of step t-1; 4. inhibitory */
            total += kernel->step(m, s, rows, inh, &inh);
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
