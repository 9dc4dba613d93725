/*
 * The portable kernel (snn_kernel.h): plain C99 on 32-bit words, the reference for the others.
 * Cores without a 32x32->64 multiply (Armv6-M: Cortex-M0/M0+) take leak() in 32-bit pieces.
 */
#if !defined(SNN_KERNEL_SMALL) && defined(__OPTIMIZE_SIZE__)
#pragma GCC optimize("O2") /* the loop keeps -O2 in a firmware built for size (FW_OPT = -Os) */
#endif
#include "snn_arith.h"

#if defined(__ARM_ARCH_6M__)
#define KERNEL_LEAK(v, k, kq) snn_leak_split((v), (k))
#else
#define KERNEL_LEAK(v, k, kq) snn_leak((v), (k))
#endif
#define KERNEL_ADD8(a0, a1, w, m)                  \
    do {                                           \
        (a0) += (w) & (m);                         \
        (a1) += ((w) >> 8) & (m);                  \
    } while (0)

#include "snn_kernel_impl.h"

static uint32_t step(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out)
{
    switch (m->weight_bits) {
    case 2:
        return step_bits(m, s, rows, inh, inh_out, 2, 0, 0);
    case 4:
        return step_bits(m, s, rows, inh, inh_out, 4, 0, 0);
    default:
        return step_bits(m, s, rows, inh, inh_out, 8, 0, 0);
    }
}

const snn_kernel snn_kernel_portable = {"portable", step, 0};

__attribute__((noinline)) uint32_t snn_kernel_step_generic(const snn_model *m, snn_lif_state *s, uint32_t rows,
                                                            uint32_t inh, uint32_t *inh_out)
{
    const uint32_t B = m->weight_bits;
    const uint32_t F = 32u / B;
    const uint32_t wmax = (1u << B) - 1u;
    const uint32_t words = m->weight_row_bytes / 4u;
    for (uint32_t j = 0; j < words * F; j++) {
        s->acc[j] = 0;
    }
    for (uint32_t r = 0; r < rows; r++) {
        const snn_word *row = row_of(m, s->spiking_row[r]);
        for (uint32_t q = 0; q < words; q++) {
            uint32_t w = row[q];
            for (uint32_t k = 0; k < F; k++) {
                s->acc[q * F + k] += (int32_t)((w >> (k * B)) & wmax);
            }
        }
    }
    clear_exc_spikes(m, s);
    uint32_t spikes = exc_wide(m, s, inh);
    s->exc_marked = spikes;
    *inh_out = inhibitory(m, s, 0);
    return spikes;
}

/* The largest power of two P with (P - 1) * k < 32768: then v * k < 32768 for every v in [0, P),
 * so mul_q16_round(v, k) = 0 and leak(v, k) = v. */
static uint32_t rest_below(uint32_t k)
{
    uint32_t p = 1;
    while (p < (1u << 30) && (uint64_t)(2u * p - 1u) * k < 32768u) {
        p *= 2u;
    }
    return p;
}

void snn_kernel_bounds(const snn_model *m, snn_bounds *b)
{
    b->threshold_max = 0;
    b->floor_min = 0;
    b->inhibition_max = 0;
    for (uint32_t j = 0; j < m->neurons; j++) {
        int32_t t = neuron_i32(m, 0, j);
        int32_t i = neuron_i32(m, 1, j);
        int32_t f = neuron_i32(m, 2, j);
        b->threshold_max = t > b->threshold_max ? t : b->threshold_max;
        b->inhibition_max = i > b->inhibition_max ? i : b->inhibition_max;
        b->floor_min = f < b->floor_min ? f : b->floor_min;
    }
    b->inh_rest_below = rest_below(m->leak_inh_q16);
    const uint32_t k = m->leak_inh_q16;
    b->inh_rest_end = k == 0 ? UINT32_MAX : (32768u + k - 1u) / k;
}
