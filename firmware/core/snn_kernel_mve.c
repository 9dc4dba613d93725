/*
 * The Helium (MVE) kernel (snn_kernel.h) for Armv8.1-M cores with MVE (Cortex-M55, M85).
 *
 * Step 1: the row sums as one uint16 per neuron, in neuron order, in the first half of acc[]. A
 * block of 32 neurons keeps four vectors of eight 16-bit sums in registers across the spiking rows:
 * 8-bit rows are widened byte by byte; 4-bit rows are split into the low nibbles (even neurons) and
 * high nibbles (odd neurons) and stored interleaved by VST2; 2-bit rows into four phases stored
 * by VST4. A 16-bit sum holds 65535 / weight_max rows (257 at 8 bits); a step with more takes the
 * portable kernel.
 * Step 3: four neurons per vector, in 32-bit lanes, under the same bounds as the scalar kernels'
 * 32-bit path (snn_kernel_impl.h, excitatory()); leak by VRMULH (the DSP kernel's SMMULR, per lane;
 * needs leak_exc_q16 < 32768). Refractory and spiking lanes are finished one by one (rare).
 * Step 4: the scalar kernel's group skip (snn_kernel_impl.h) with SMMULR.
 * On hosts the intrinsics are snn_mve_model.h's C models (for the tests).
 */
#pragma GCC optimize("no-strict-aliasing") /* acc[] (int32) is read and written as uint16 sums */
#include "snn_arith.h"
#include "snn_simd.h"
#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>
#else
#include "snn_mve_model.h"
#endif

#define KERNEL_LEAK(v, k, kq) ((v) - snn_smmulr((v), (int32_t)(kq)))
#define KERNEL_ADD8(a0, a1, w, m)            \
    do {                                     \
        (void)(m);                           \
        (a0) = snn_uxtab16((a0), (w));       \
        (a1) = snn_uxtab16_ror8((a1), (w));  \
    } while (0)

#include "snn_kernel_impl.h"

/* Valid byte count of load i (8 bytes each) of a block with `left` row bytes from its start. */
static inline mve_pred16_t part(int32_t left, int32_t i)
{
    int32_t c = left - 8 * i;
    return vctp16q((uint32_t)(c < 0 ? 0 : c));
}

static void sum8(const snn_model *m, const uint16_t *rows, uint32_t count, uint16_t *out)
{
    const uint32_t row_bytes = m->weight_row_bytes;
    for (uint32_t j0 = 0, off = 0; j0 < m->neurons; j0 += 32u, off += 32u) {
        const int32_t left = (int32_t)(row_bytes - off);
        const mve_pred16_t p0 = part(left, 0), p1 = part(left, 1), p2 = part(left, 2), p3 = part(left, 3);
        uint16x8_t a0 = vdupq_n_u16(0), a1 = a0, a2 = a0, a3 = a0;
        const uint8_t *base = m->weights + off;
        for (uint32_t r = 0; r < count; r++) {
            const uint8_t *p = base + rows[r] * row_bytes;
            a0 = vaddq_u16(a0, vldrbq_z_u16(p, p0));
            a1 = vaddq_u16(a1, vldrbq_z_u16(p + 8, p1));
            a2 = vaddq_u16(a2, vldrbq_z_u16(p + 16, p2));
            a3 = vaddq_u16(a3, vldrbq_z_u16(p + 24, p3));
        }
        vstrhq_u16(out + j0, a0);
        vstrhq_u16(out + j0 + 8, a1);
        vstrhq_u16(out + j0 + 16, a2);
        vstrhq_u16(out + j0 + 24, a3);
    }
}

static void sum4(const snn_model *m, const uint16_t *rows, uint32_t count, uint16_t *out)
{
    const uint32_t row_bytes = m->weight_row_bytes;
    const uint16x8_t low = vdupq_n_u16(0xF);
    for (uint32_t j0 = 0, off = 0; j0 < m->neurons; j0 += 32u, off += 16u) {
        const int32_t left = (int32_t)(row_bytes - off);
        const mve_pred16_t p0 = part(left, 0), p1 = part(left, 1);
        uint16x8x2_t lo, hi; /* lo: neurons j0 .. j0+15, hi: j0+16 .. j0+31; val[0] even, val[1] odd */
        lo.val[0] = vdupq_n_u16(0);
        lo.val[1] = lo.val[0];
        hi.val[0] = lo.val[0];
        hi.val[1] = lo.val[0];
        const uint8_t *base = m->weights + off;
        for (uint32_t r = 0; r < count; r++) {
            const uint8_t *p = base + rows[r] * row_bytes;
            uint16x8_t b0 = vldrbq_z_u16(p, p0);
            uint16x8_t b1 = vldrbq_z_u16(p + 8, p1);
            lo.val[0] = vaddq_u16(lo.val[0], vandq_u16(b0, low));
            lo.val[1] = vaddq_u16(lo.val[1], vshrq_n_u16(b0, 4));
            hi.val[0] = vaddq_u16(hi.val[0], vandq_u16(b1, low));
            hi.val[1] = vaddq_u16(hi.val[1], vshrq_n_u16(b1, 4));
        }
        vst2q_u16(out + j0, lo);
        vst2q_u16(out + j0 + 16, hi);
    }
}

static void sum2(const snn_model *m, const uint16_t *rows, uint32_t count, uint16_t *out)
{
    const uint32_t row_bytes = m->weight_row_bytes;
    const uint16x8_t low = vdupq_n_u16(3);
    for (uint32_t j0 = 0, off = 0; j0 < m->neurons; j0 += 32u, off += 8u) {
        const mve_pred16_t p0 = part((int32_t)(row_bytes - off), 0);
        uint16x8x4_t a; /* val[k]: neurons j0 + 4i + k */
        a.val[0] = vdupq_n_u16(0);
        a.val[1] = a.val[0];
        a.val[2] = a.val[0];
        a.val[3] = a.val[0];
        const uint8_t *base = m->weights + off;
        for (uint32_t r = 0; r < count; r++) {
            uint16x8_t b = vldrbq_z_u16(base + rows[r] * row_bytes, p0);
            a.val[0] = vaddq_u16(a.val[0], vandq_u16(b, low));
            a.val[1] = vaddq_u16(a.val[1], vandq_u16(vshrq_n_u16(b, 2), low));
            a.val[2] = vaddq_u16(a.val[2], vandq_u16(vshrq_n_u16(b, 4), low));
            a.val[3] = vaddq_u16(a.val[3], vshrq_n_u16(b, 6));
        }
        vst4q_u16(out + j0, a);
    }
}

/* Finishes lane i of a vector step: the refractory count or the spike's bookkeeping. */
static uint32_t finish_lane(const snn_model *m, snn_lif_state *s, uint32_t j, int busy, int fire)
{
    if (busy) {
        s->ref[j]--;
        return 0;
    }
    if (fire) {
        s->exc_spiked[j] = 1;
        s->count[j]++;
        s->ref[j] = m->refractory_exc;
        return 1;
    }
    return 0;
}

/* Step 3 in vectors; acc16 = the row sums (NULL: no row spiked). */
static uint32_t exc_mve(const snn_model *m, snn_lif_state *s, const uint16_t *acc16, uint32_t inh)
{
    const uint32_t n = m->neurons;
    const int32_t *thr = (const int32_t *)(const void *)m->neuron_sec;
    const int32_t *inhib = thr + n;
    const int32_t *vfloor = thr + 2 * n;
    const uint32_t kq = m->leak_exc_q16 << 16;
    const int32x4_t kqv = vdupq_n_s32((int32_t)kq);
    const int32x4_t zero = vdupq_n_s32(0);
    const uint32x4_t zero_u = vdupq_n_u32(0);
    const int32x4_t inhv = vdupq_n_s32((int32_t)inh);
    const int32_t shift = m->v_shift;
    uint32_t spikes = 0;
    uint32_t j = 0;
    for (; j + 4u <= n; j += 4u) {
        int32x4_t v = vldrwq_s32(s->v + j);
        int32x4_t x = vsubq_s32(v, vrmulhq_s32(v, kqv));
        if (acc16 != 0) {
            x = vaddq_s32(x, vshlq_r_s32(vreinterpretq_s32_u32(vldrhq_u32(acc16 + j)), shift));
        }
        if (inh != 0) {
            int32x4_t c = vsubq_s32(inhv, vreinterpretq_s32_u32(vldrbq_u32(s->inh_spiked + j)));
            x = vsubq_s32(x, vmulq_s32(c, vldrwq_s32(inhib + j)));
            x = vmaxq_s32(x, vldrwq_s32(vfloor + j));
        }
        /* (vcmpeqq_n_u32 against 0 crashes GCC 12's combine pass; a zero vector does not) */
        const mve_pred16_t idle = vcmpeqq_u32(vldrbq_u32(s->ref + j), zero_u);
        const mve_pred16_t fire = vcmpgtq_m_s32(x, vldrwq_s32(thr + j), idle); /* only idle lanes fire */
        x = vpselq_s32(x, v, idle);
        x = vpselq_s32(zero, x, fire);
        vstrwq_s32(s->v + j, x);
        const uint32_t idle_bits = idle;
        const uint32_t fire_bits = fire;
        if (idle_bits != 0xFFFFu || fire_bits != 0) {
            for (uint32_t i = 0; i < 4u; i++) {
                spikes += finish_lane(m, s, j + i, !((idle_bits >> (4 * i)) & 1u), (fire_bits >> (4 * i)) & 1u);
            }
        }
    }
    for (; j < n; j++) {
        if (s->ref[j] > 0) {
            s->ref[j]--;
            continue;
        }
        spikes += exc_neuron(m, s, j, acc16 != 0 ? acc16[j] : 0u, inh, inh != 0, kq);
    }
    return spikes;
}

static uint32_t step(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out)
{
    const uint32_t B = m->weight_bits;
    const uint32_t wmax = (1u << B) - 1u;
    const snn_bounds *b = &s->bounds;
    const int64_t top = (int64_t)b->threshold_max + ((int64_t)rows * wmax << m->v_shift);
    const int64_t bottom = (int64_t)b->floor_min - (int64_t)inh * b->inhibition_max;
    if (rows > 65535u / wmax || m->leak_exc_q16 >= 32768u || m->leak_inh_q16 >= 32768u || top > INT32_MAX
        || bottom < INT32_MIN) {
        return snn_kernel_portable.step(m, s, rows, inh, inh_out);
    }
    uint16_t *acc16 = (uint16_t *)(void *)s->acc;
    if (rows > 0) {
        if (B == 8) {
            sum8(m, s->spiking_row, rows, acc16);
        } else if (B == 4) {
            sum4(m, s->spiking_row, rows, acc16);
        } else {
            sum2(m, s->spiking_row, rows, acc16);
        }
    }
    if (s->exc_marked) {
        snn_word *e = (snn_word *)s->exc_spiked;
        for (uint32_t i = 0; i < (m->neurons + 3u) / 4u; i++) {
            e[i] = 0;
        }
    }
    uint32_t spikes = exc_mve(m, s, rows > 0 ? acc16 : 0, inh);
    s->exc_marked = spikes;
    *inh_out = inhibitory(m, s, m->leak_inh_q16 << 16);
    return spikes;
}

const snn_kernel snn_kernel_mve = {"mve", step};
