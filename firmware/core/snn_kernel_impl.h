/*
 * The scalar kernel, written once and instantiated by snn_kernel_portable.c and snn_kernel_dsp.c
 * (snn_kernel_mve.c takes its scalar pieces: step 3 of the last few neurons, step 4 of one neuron).
 * Before including it, a kernel file defines:
 *   KERNEL_LEAK(v, k, kq)    leak(v, k) of spec section 4 (kq = k << 16, for SMMULR)
 *   KERNEL_ADD8(a0, a1, w, m) adds the four bytes of w to the 16-bit lanes a0 (bytes 0, 2) and
 *                            a1 (bytes 1, 3); m = 0x00FF00FF
 * This file only reorders the spec's arithmetic; every result is the spec's, bit for bit.
 *
 * Step 1, the row sums, in lanes. A weight word holds F = 32 / B fields of B bits, field k being
 * neuron q*F + k. The word is split into L lane words whose lanes each hold one neuron's running
 * sum, so one 32-bit add adds two (16-bit lanes) or four (8-bit lanes) fields at once:
 *
 *   B = 8 (F = 4, L = 2, 16-bit lanes):  lane0 = [n0 | n2], lane1 = [n1 | n3]   (low half | high half)
 *   B = 4 (F = 8, L = 2, 8-bit lanes):   lane0 = [n0 n2 n4 n6], lane1 = [n1 n3 n5 n7]  (byte 0 first)
 *   B = 2 (F = 16, L = 4, 8-bit lanes):  lane i = [n(i) n(4+i) n(8+i) n(12+i)]
 *
 * A lane holds CAP rows of the largest weight before it could carry into the next (65535 / 255,
 * 255 / 15, 255 / 3). The lanes live in the first words of acc[] (L words per weight word, at most
 * n / 2 words). A 4-bit step with more than 17 rows sums into 16-bit lanes (sum_rows_4_wide); any
 * other step beyond CAP, and a step outside the 32-bit bounds, takes snn_kernel_step_generic (the
 * spec's arithmetic, neuron by neuron).
 *
 * Step 3 runs in 32-bit arithmetic when the step's bounds prove that exact (fits_int32()); step 4
 * visits four inhibitory neurons at a time and skips groups in which nothing can change.
 */
#ifndef SNN_KERNEL_IMPL_H
#define SNN_KERNEL_IMPL_H

#include "snn_arith.h"
#include "snn_kernel.h"

/* SNN_KERNEL_SMALL (boards whose firmware must fit a few KiB, e.g. the micro:bit's 32 KiB): let the
 * compiler choose what to inline and unroll, for code size; otherwise every bit width and
 * inhibition case gets its own straight-line copy. */
#define SNN_PRAGMA(x) _Pragma(#x)
#if defined(SNN_KERNEL_SMALL)
#define ALWAYS_INLINE static inline
#define SPECIALISED static __attribute__((noinline))
#define UNROLL(n)
#else
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#define SPECIALISED ALWAYS_INLINE
#define UNROLL(n) SNN_PRAGMA(GCC unroll n)
#endif

ALWAYS_INLINE uint32_t lanes_per_word(uint32_t B)
{
    return B == 2 ? 4u : 2u;
}

ALWAYS_INLINE uint32_t lane_bits(uint32_t B)
{
    return B == 8 ? 16u : 8u;
}

ALWAYS_INLINE uint32_t lane_cap(uint32_t B)
{
    return B == 8 ? 257u : B == 4 ? 17u : 85u;
}

ALWAYS_INLINE uint32_t field_mask(uint32_t B)
{
    return B == 8 ? 0x00FF00FFu : B == 4 ? 0x0F0F0F0Fu : 0x03030303u;
}

/* Row sum of field k (0 .. F-1) of a weight word, from its L lane words. */
ALWAYS_INLINE uint32_t lane_field(const uint32_t *lw, uint32_t k, uint32_t B)
{
    const uint32_t L = lanes_per_word(B);
    const uint32_t LB = lane_bits(B);
    return (lw[k % L] >> (LB * (k / L))) & ((1u << LB) - 1u);
}

ALWAYS_INLINE const snn_word *row_of(const snn_model *m, uint32_t input)
{
    return (const snn_word *)(m->weights + input * m->weight_row_bytes);
}

/* Adds one weight word to its L lane words a[0..L) (registers); mask = field_mask(B). */
ALWAYS_INLINE void add_word(uint32_t *a, uint32_t w, uint32_t mask, uint32_t B)
{
    if (B == 8) {
        KERNEL_ADD8(a[0], a[1], w, mask);
    } else {
        UNROLL(4) for (uint32_t i = 0; i < lanes_per_word(B); i++) {
            a[i] += (w >> (i * B)) & mask;
        }
    }
}

/*
 * Lanes of weight words q0 .. q0+NW-1 summed over rows[0..count), kept in registers across the
 * rows (one row's words are NW loads from its row start), then stored.
 */
SPECIALISED void sum_block(const snn_model *m, const uint16_t *rows, uint32_t count, snn_word *lane, uint32_t q0,
                             const uint32_t NW, const uint32_t B)
{
    const uint32_t L = lanes_per_word(B);
    uint32_t a[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    const uint8_t *base = m->weights + 4u * q0;
    const uint32_t row_bytes = m->weight_row_bytes;
    /* The mask in a register lets Thumb-2 fold the shift into the AND (one instruction, not two). */
    uint32_t mask = field_mask(B);
    __asm__("" : "+r"(mask));
    for (uint32_t r = 0; r < count; r++) {
        const snn_word *p = (const snn_word *)(base + rows[r] * row_bytes);
        UNROLL(4) for (uint32_t i = 0; i < NW; i++) {
            add_word(a + i * L, p[i], mask, B);
        }
    }
    UNROLL(8) for (uint32_t i = 0; i < NW * L; i++) {
        lane[q0 * L + i] = a[i];
    }
}

/* Step 1 for rows <= lane_cap(B): sums the rows list[0..rows) into the lanes at `lane` (zeros
 * when no row spiked). */
ALWAYS_INLINE void sum_rows(const snn_model *m, const uint16_t *list, uint32_t rows, snn_word *lane, const uint32_t B)
{
    const uint32_t L = lanes_per_word(B);
    const uint32_t words = m->weight_row_bytes / 4u;
    const uint32_t NW = 8u / L; /* words per block: 8 lane registers */
    uint32_t q = 0;
    for (; q + NW <= words; q += NW) {
        sum_block(m, list, rows, lane, q, NW, B);
    }
    for (; q < words; q++) {
        sum_block(m, list, rows, lane, q, 1, B);
    }
}

/* Two 8-bit lanes [a b] (low byte first) as two 16-bit lanes [a | b]. */
ALWAYS_INLINE uint32_t spread(uint32_t x)
{
    return (x & 0xFFu) | ((x & 0xFF00u) << 8);
}

/*
 * Step 1 for 4-bit rows beyond a byte lane's 17: chunks of 17 rows are summed into byte lanes
 * (after the 16-bit ones) and added to 16-bit lanes in the 8-bit layout, [n0 | n2], [n1 | n3] per
 * four neurons, which hold 65535 / 15 = 4369 rows; step 3 then reads them as 8-bit lanes. The
 * 16-bit lanes take words*4 words of acc[] and the byte lanes words*2 more: words*8 <= n rounded
 * up to 16 = the words acc[] has.
 */
static void sum_rows_4_wide(const snn_model *m, snn_lif_state *s, uint32_t rows)
{
    const uint32_t words = m->weight_row_bytes / 4u;
    snn_word *wide = (snn_word *)s->acc;
    snn_word *bytes = wide + 4u * words;
    for (uint32_t i = 0; i < 4u * words; i++) {
        wide[i] = 0;
    }
    for (uint32_t r0 = 0; r0 < rows; r0 += 17u) {
        sum_rows(m, s->spiking_row + r0, rows - r0 < 17u ? rows - r0 : 17u, bytes, 4);
        for (uint32_t q = 0; q < words; q++) {
            const uint32_t lo = bytes[2 * q];     /* n0 n2 n4 n6 */
            const uint32_t hi = bytes[2 * q + 1]; /* n1 n3 n5 n7 */
            wide[4 * q] += spread(lo);
            wide[4 * q + 1] += spread(hi);
            wide[4 * q + 2] += spread(lo >> 16);
            wide[4 * q + 3] += spread(hi >> 16);
        }
    }
}

ALWAYS_INLINE int32_t neuron_i32(const snn_model *m, uint32_t which, uint32_t j)
{
    return (int32_t)((const snn_word *)m->neuron_sec)[which * m->neurons + j];
}

/*
 * Step 3 for one non-refractory neuron in 32-bit arithmetic (valid under the bounds checked by
 * fits_int32()): x = leak(v) + (a << v_shift) - (inh - inh_spiked[j]) * inhibition[j], clamped
 * below at v_floor[j]. The sum is taken modulo 2^32, which is exact because the true value lies in
 * int32. With inh = 0 the clamp is never needed: leak(v) >= v >= v_floor[j] and a >= 0.
 */
ALWAYS_INLINE uint32_t exc_neuron(const snn_model *m, snn_lif_state *s, uint32_t j, uint32_t a, uint32_t inh,
                                  int with_inh, uint32_t kq)
{
    (void)kq;
    uint32_t x = (uint32_t)KERNEL_LEAK(s->v[j], m->leak_exc_q16, kq) + (a << m->v_shift);
    if (with_inh) {
        x -= (inh - s->inh_spiked[j]) * (uint32_t)neuron_i32(m, 1, j);
        int32_t lo = neuron_i32(m, 2, j);
        if ((int32_t)x < lo) {
            x = (uint32_t)lo;
        }
    }
    if ((int32_t)x > neuron_i32(m, 0, j)) {
        s->exc_spiked[j] = 1;
        s->count[j]++;
        s->v[j] = 0;
        s->ref[j] = m->refractory_exc;
        return 1;
    }
    s->v[j] = (int32_t)x;
    return 0;
}

/* True when ref[j0 .. j0+F) are all 0 (F = 4, 8 or 16; j0 a multiple of F). */
ALWAYS_INLINE int none_refractory(const snn_lif_state *s, uint32_t j0, uint32_t F)
{
    const snn_word *r = (const snn_word *)(s->ref + j0);
    uint32_t any = 0;
    UNROLL(4) for (uint32_t i = 0; i < F / 4u; i++) {
        any |= r[i];
    }
    return any == 0;
}

/* Step 3 over all neurons in 32-bit arithmetic, reading step 1's sums from the lanes. */
SPECIALISED uint32_t exc_fast(const snn_model *m, snn_lif_state *s, uint32_t inh, int with_inh, const uint32_t B,
                              uint32_t kq)
{
    const uint32_t n = m->neurons;
    const uint32_t F = 32u / B;
    const uint32_t L = lanes_per_word(B);
    const snn_word *lane = (const snn_word *)s->acc;
    uint32_t spikes = 0;
    for (uint32_t j0 = 0, q = 0; j0 < n; j0 += F, q++) {
        uint32_t lw[4] = {0, 0, 0, 0};
        UNROLL(4) for (uint32_t i = 0; i < L; i++) {
            lw[i] = lane[q * L + i];
        }
        if (n - j0 >= F && none_refractory(s, j0, F)) {
            UNROLL(16) for (uint32_t k = 0; k < F; k++) {
                spikes += exc_neuron(m, s, j0 + k, lane_field(lw, k, B), inh, with_inh, kq);
            }
            continue;
        }
        uint32_t cnt = n - j0 < F ? n - j0 : F;
        for (uint32_t k = 0; k < cnt; k++) {
            const uint32_t j = j0 + k;
            if (s->ref[j] > 0) {
                s->ref[j]--;
                continue;
            }
            spikes += exc_neuron(m, s, j, lane_field(lw, k, B), inh, with_inh, kq);
        }
    }
    return spikes;
}

/* Step 3 exactly as the spec writes it, in int64 (for steps whose bounds exceed int32); acc[] must
 * hold the plain sums. */
static inline uint32_t exc_wide(const snn_model *m, snn_lif_state *s, uint32_t inh)
{
    uint32_t spikes = 0;
    for (uint32_t j = 0; j < m->neurons; j++) {
        if (s->ref[j] > 0) {
            s->ref[j]--;
            continue;
        }
        int64_t x = (int64_t)snn_leak(s->v[j], m->leak_exc_q16) + ((int64_t)s->acc[j] << m->v_shift)
                    - (int64_t)(inh - s->inh_spiked[j]) * neuron_i32(m, 1, j);
        int32_t v = snn_clamp(x, neuron_i32(m, 2, j));
        if (v > neuron_i32(m, 0, j)) {
            s->exc_spiked[j] = 1;
            s->count[j]++;
            s->v[j] = 0;
            s->ref[j] = m->refractory_exc;
            spikes++;
        } else {
            s->v[j] = v;
        }
    }
    return spikes;
}

/* exc_spiked = 0 for all neurons, before step 3 sets this step's ones. */
ALWAYS_INLINE void clear_exc_spikes(const snn_model *m, snn_lif_state *s)
{
    if (s->exc_marked) {
        snn_word *e = (snn_word *)s->exc_spiked;
        for (uint32_t i = 0; i < (m->neurons + 3u) / 4u; i++) {
            e[i] = 0;
        }
    }
}

/*
 * True when step 3's 32-bit path is exact for this step: no value leaves int32. v[j] <= threshold[j]
 * before the step (a neuron above its threshold spikes and is reset), so
 *   x <= threshold_max + rows * weight_max * 2^v_shift   must be <= INT32_MAX, and
 *   x >= v_floor_min - inh * inhibition_max               must be >= INT32_MIN.
 */
ALWAYS_INLINE int fits_int32(const snn_model *m, const snn_lif_state *s, uint32_t rows, uint32_t inh)
{
    const snn_bounds *b = &s->bounds;
    const int64_t top = (int64_t)b->threshold_max + ((int64_t)rows * ((1 << m->weight_bits) - 1) << m->v_shift);
    const int64_t bottom = (int64_t)b->floor_min - (int64_t)inh * b->inhibition_max;
    return top <= INT32_MAX && bottom >= INT32_MIN;
}

/* Step 4 for one inhibitory neuron (the spec's code). */
ALWAYS_INLINE uint32_t inh_neuron(const snn_model *m, snn_lif_state *s, uint32_t j, uint32_t kq)
{
    (void)kq;
    if (s->ref_inh[j] > 0) {
        s->ref_inh[j]--;
        s->inh_spiked[j] = 0;
        return 0;
    }
    /* v_inh in [0, threshold_inh + w_exc_to_inh] <= 2^31 - 1 (spec section 3) */
    int32_t y = KERNEL_LEAK(s->v_inh[j], m->leak_inh_q16, kq) + (s->exc_spiked[j] ? m->w_exc_to_inh : 0);
    if (y > m->threshold_inh) {
        s->inh_spiked[j] = 1;
        s->v_inh[j] = 0;
        s->ref_inh[j] = m->refractory_inh;
        return 1;
    }
    s->inh_spiked[j] = 0;
    s->v_inh[j] = y;
    return 0;
}

/*
 * Step 4. A group of four neurons is skipped when none is refractory, none's partner spiked, none
 * spiked in the previous step and every v_inh is below inh_rest_below: each of them then computes
 * leak(v_inh) + 0 = v_inh <= threshold_inh (v_inh never exceeds it after a step), so nothing
 * changes and inh_spiked stays 0.
 */
static inline uint32_t inhibitory(const snn_model *m, snn_lif_state *s, uint32_t kq)
{
    const uint32_t n = m->neurons;
    const uint32_t rest = s->bounds.inh_rest_below;
    uint32_t spikes = 0;
    uint32_t j = 0;
    for (; j + 4u <= n; j += 4u) {
        uint32_t flags = *(const snn_word *)(s->ref_inh + j) | *(const snn_word *)(s->exc_spiked + j)
                         | *(const snn_word *)(s->inh_spiked + j);
        uint32_t vs = (uint32_t)(s->v_inh[j] | s->v_inh[j + 1] | s->v_inh[j + 2] | s->v_inh[j + 3]);
        if (flags == 0 && vs < rest) {
            continue;
        }
        spikes += inh_neuron(m, s, j, kq) + inh_neuron(m, s, j + 1, kq) + inh_neuron(m, s, j + 2, kq)
                  + inh_neuron(m, s, j + 3, kq);
    }
    for (; j < n; j++) {
        spikes += inh_neuron(m, s, j, kq);
    }
    return spikes;
}

/* Step 3's 32-bit path per lane layout and inhibition, one copy each. */
#define EXC_FAST(B, W)                                                                                   \
    static __attribute__((noinline)) uint32_t exc_fast_##B##_##W(const snn_model *m, snn_lif_state *s,  \
                                                                  uint32_t inh, uint32_t kq)             \
    {                                                                                                    \
        return exc_fast(m, s, inh, W, B, kq);                                                            \
    }
EXC_FAST(2, 0)
EXC_FAST(2, 1)
EXC_FAST(4, 0)
EXC_FAST(4, 1)
EXC_FAST(8, 0)
EXC_FAST(8, 1)

ALWAYS_INLINE uint32_t exc_fast_any(const snn_model *m, snn_lif_state *s, uint32_t inh, uint32_t layout, uint32_t kq)
{
    if (layout == 8) {
        return inh == 0 ? exc_fast_8_0(m, s, 0, kq) : exc_fast_8_1(m, s, inh, kq);
    }
    if (layout == 4) {
        return inh == 0 ? exc_fast_4_0(m, s, 0, kq) : exc_fast_4_1(m, s, inh, kq);
    }
    return inh == 0 ? exc_fast_2_0(m, s, 0, kq) : exc_fast_2_1(m, s, inh, kq);
}

/* One step at weight_bits B; steps beyond the lanes' capacity or the 32-bit bounds take
 * snn_kernel_step_generic. */
ALWAYS_INLINE uint32_t step_bits(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out,
                                 const uint32_t B, uint32_t kq_exc, uint32_t kq_inh)
{
    uint32_t layout = B;
    if (!fits_int32(m, s, rows, inh)) {
        return snn_kernel_step_generic(m, s, rows, inh, inh_out);
    }
    if (rows <= lane_cap(B)) {
        sum_rows(m, s->spiking_row, rows, (snn_word *)s->acc, B);
    } else if (B == 4 && rows <= 65535u / 15u) {
        sum_rows_4_wide(m, s, rows);
        layout = 8;
    } else {
        return snn_kernel_step_generic(m, s, rows, inh, inh_out);
    }
    clear_exc_spikes(m, s);
    uint32_t spikes = exc_fast_any(m, s, inh, layout, kq_exc);
    s->exc_marked = spikes;
    *inh_out = inhibitory(m, s, kq_inh);
    return spikes;
}

#endif
