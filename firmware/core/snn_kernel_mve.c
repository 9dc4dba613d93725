/*
 * The Helium (MVE) kernel (snn_kernel.h) for Armv8.1-M cores with MVE (Cortex-M55, M85).
 *
 * Step 1: the row sums as one uint8 (4-bit rows up to 17, 2-bit rows up to 85 per step) or uint16
 * per neuron, in neuron order, in the first bytes of acc[]. A block of neurons keeps up to four
 * vectors of sums in registers across the spiking rows: 8-bit rows are widened byte by byte; 4-bit
 * rows are split into the low nibbles (even neurons) and high nibbles (odd neurons) and stored
 * interleaved by VST2; 2-bit rows into four phases stored by VST4. A 16-bit sum holds
 * 65535 / weight_max rows (257 at 8 bits); a step with more takes snn_kernel_step_generic.
 * Step 3: four neurons per vector, in 32-bit lanes, under the same bounds as the scalar kernels'
 * 32-bit path (snn_kernel_impl.h, fits_int32()); leak by VRMULH (the DSP kernel's SMMULR, per lane;
 * needs leak_exc_q16 < 32768). Refractory and spiking lanes are finished one by one (rare).
 * Step 4: groups of sixteen at rest are skipped after one vector test; the others run the scalar
 * step with SMMULR.
 * On hosts the intrinsics are snn_mve_model.h's C models (for the tests).
 */
#include "snn_kernel.h"
#if defined(SNN_HAVE_KERNEL_MVE) /* Helium cores, and hosts (through the C models); nothing elsewhere */
#pragma GCC optimize("no-strict-aliasing") /* acc[] (int32) is read and written as uint16 sums */
#if defined(__OPTIMIZE_SIZE__)
#pragma GCC optimize("O2") /* the loop keeps -O2 in a firmware built for size (FW_OPT = -Os) */
#endif
#include "snn_arith.h"
#include "snn_simd.h"
#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>
#else
#include "snn_mve_model.h"
#endif

#include "snn_kernel_impl.h"

/* Predicate of the bytes of load i (16 bytes each) of a block with `left` row bytes from its start. */
static inline mve_pred16_t part8(int32_t left, int32_t i)
{
    int32_t c = left - 16 * i;
    return vctp8q((uint32_t)(c < 0 ? 0 : c));
}

/* Predicate of the bytes of load i (8 bytes each, widened to 16-bit lanes). */
static inline mve_pred16_t part16(int32_t left, int32_t i)
{
    int32_t c = left - 8 * i;
    return vctp16q((uint32_t)(c < 0 ? 0 : c));
}

/* Loads 16 row bytes; only the first bytes of a block's last, partial, load are read. */
ALWAYS_INLINE uint8x16_t load8(const uint8_t *p, mve_pred16_t q, int full)
{
    return full ? vldrbq_u8(p) : vldrbq_z_u8(p, q);
}

ALWAYS_INLINE uint16x8_t load16(const uint8_t *p, mve_pred16_t q, int full)
{
    return full ? vldrbq_u16(p) : vldrbq_z_u16(p, q);
}

/* 8-bit rows: 16-bit sums of 32 neurons (32 row bytes) per block; rows[] are the rows' addresses. */
ALWAYS_INLINE void block8(const uint8_t *const *rows, uint32_t count, uint32_t off, int32_t left, uint16_t *out,
                          int full)
{
    const mve_pred16_t p0 = part16(left, 0), p1 = part16(left, 1), p2 = part16(left, 2), p3 = part16(left, 3);
    uint16x8_t a0 = vdupq_n_u16(0), a1 = a0, a2 = a0, a3 = a0;
    for (uint32_t r = 0; r < count; r++) {
        const uint8_t *p = rows[r] + off;
        a0 = vaddq_u16(a0, load16(p, p0, full));
        a1 = vaddq_u16(a1, load16(p + 8, p1, full));
        a2 = vaddq_u16(a2, load16(p + 16, p2, full));
        a3 = vaddq_u16(a3, load16(p + 24, p3, full));
    }
    vstrhq_u16(out, a0);
    vstrhq_u16(out + 8, a1);
    vstrhq_u16(out + 16, a2);
    vstrhq_u16(out + 24, a3);
}

/* 4-bit rows, any count: 16-bit sums of 32 neurons (16 row bytes) per block; low nibbles are the
 * even neurons, high nibbles the odd ones, and VST2 stores them interleaved, in neuron order. */
ALWAYS_INLINE void block4_wide(const uint8_t *base, const uint16_t *rows, uint32_t count, uint32_t row_bytes,
                               int32_t left, uint16_t *out, int full)
{
    const mve_pred16_t p0 = part16(left, 0), p1 = part16(left, 1);
    const uint16x8_t low = vdupq_n_u16(0xF);
    uint16x8x2_t lo, hi;
    lo.val[0] = vdupq_n_u16(0);
    lo.val[1] = lo.val[0];
    hi.val[0] = lo.val[0];
    hi.val[1] = lo.val[0];
    for (uint32_t r = 0; r < count; r++) {
        const uint8_t *p = base + rows[r] * row_bytes;
        uint16x8_t b0 = load16(p, p0, full);
        uint16x8_t b1 = load16(p + 8, p1, full);
        lo.val[0] = vaddq_u16(lo.val[0], vandq_u16(b0, low));
        lo.val[1] = vaddq_u16(lo.val[1], vshrq_n_u16(b0, 4));
        hi.val[0] = vaddq_u16(hi.val[0], vandq_u16(b1, low));
        hi.val[1] = vaddq_u16(hi.val[1], vshrq_n_u16(b1, 4));
    }
    vst2q_u16(out, lo);
    vst2q_u16(out + 16, hi);
}

/* 4-bit rows, at most 17 (255 / 15): 8-bit sums of 64 neurons (32 row bytes) per block. */
ALWAYS_INLINE void block4_bytes(const uint8_t *base, const uint16_t *rows, uint32_t count, uint32_t row_bytes,
                                int32_t left, uint8_t *out, int full)
{
    const mve_pred16_t p0 = part8(left, 0), p1 = part8(left, 1);
    const uint8x16_t low = vdupq_n_u8(0xF);
    uint8x16x2_t lo, hi;
    lo.val[0] = vdupq_n_u8(0);
    lo.val[1] = lo.val[0];
    hi.val[0] = lo.val[0];
    hi.val[1] = lo.val[0];
    for (uint32_t r = 0; r < count; r++) {
        const uint8_t *p = base + rows[r] * row_bytes;
        uint8x16_t b0 = load8(p, p0, full);
        uint8x16_t b1 = load8(p + 16, p1, full);
        lo.val[0] = vaddq_u8(lo.val[0], vandq_u8(b0, low));
        lo.val[1] = vaddq_u8(lo.val[1], vshrq_n_u8(b0, 4));
        hi.val[0] = vaddq_u8(hi.val[0], vandq_u8(b1, low));
        hi.val[1] = vaddq_u8(hi.val[1], vshrq_n_u8(b1, 4));
    }
    vst2q_u8(out, lo);
    vst2q_u8(out + 32, hi);
}

/* 2-bit rows, at most 85 (255 / 3): 8-bit sums of 64 neurons (16 row bytes) per block, four
 * phases stored interleaved by VST4. */
ALWAYS_INLINE void block2_bytes(const uint8_t *base, const uint16_t *rows, uint32_t count, uint32_t row_bytes,
                                int32_t left, uint8_t *out, int full)
{
    const mve_pred16_t p0 = part8(left, 0);
    const uint8x16_t low = vdupq_n_u8(3);
    uint8x16x4_t a;
    a.val[0] = vdupq_n_u8(0);
    a.val[1] = a.val[0];
    a.val[2] = a.val[0];
    a.val[3] = a.val[0];
    for (uint32_t r = 0; r < count; r++) {
        uint8x16_t b = load8(base + rows[r] * row_bytes, p0, full);
        a.val[0] = vaddq_u8(a.val[0], vandq_u8(b, low));
        a.val[1] = vaddq_u8(a.val[1], vandq_u8(vshrq_n_u8(b, 2), low));
        a.val[2] = vaddq_u8(a.val[2], vandq_u8(vshrq_n_u8(b, 4), low));
        a.val[3] = vaddq_u8(a.val[3], vshrq_n_u8(b, 6));
    }
    vst4q_u8(out, a);
}

/* 2-bit rows, any count: 16-bit sums of 32 neurons (8 row bytes) per block. */
ALWAYS_INLINE void block2_wide(const uint8_t *base, const uint16_t *rows, uint32_t count, uint32_t row_bytes,
                               int32_t left, uint16_t *out, int full)
{
    const mve_pred16_t p0 = part16(left, 0);
    const uint16x8_t low = vdupq_n_u16(3);
    uint16x8x4_t a;
    a.val[0] = vdupq_n_u16(0);
    a.val[1] = a.val[0];
    a.val[2] = a.val[0];
    a.val[3] = a.val[0];
    for (uint32_t r = 0; r < count; r++) {
        uint16x8_t b = load16(base + rows[r] * row_bytes, p0, full);
        a.val[0] = vaddq_u16(a.val[0], vandq_u16(b, low));
        a.val[1] = vaddq_u16(a.val[1], vandq_u16(vshrq_n_u16(b, 2), low));
        a.val[2] = vaddq_u16(a.val[2], vandq_u16(vshrq_n_u16(b, 4), low));
        a.val[3] = vaddq_u16(a.val[3], vshrq_n_u16(b, 6));
    }
    vst4q_u16(out, a);
}

enum { SUM_NONE, SUM_U16, SUM_U8 };

/*
 * Step 1 into the first bytes of acc[]: uint8 sums when a byte holds them (4-bit rows <= 17,
 * 2-bit rows <= 85), else uint16 sums. Blocks cover NB neurons; the row bytes of the last block
 * may end early (the loads there are predicated). Returns the form.
 */
static uint32_t sum_rows_mve(const snn_model *m, const uint16_t *rows, uint32_t count, void *out)
{
    const uint32_t B = m->weight_bits;
    const uint32_t n = m->neurons;
    const uint32_t row_bytes = m->weight_row_bytes;
    const int bytes = (B == 4 && count <= 17u) || (B == 2 && count <= 85u);
    const uint32_t NB = bytes ? 64u : 32u;
    const uint32_t step_bytes = NB * B / 8u;
    /* 8-bit rows: their addresses once per step, not once per block (at most 257 rows: the 16-bit
     * sums' capacity, checked by step()) */
    const uint8_t *ptr[257];
    if (B == 8) {
        for (uint32_t r = 0; r < count; r++) {
            ptr[r] = m->weights + rows[r] * row_bytes;
        }
    }
    for (uint32_t j0 = 0, off = 0; j0 < n; j0 += NB, off += step_bytes) {
        const int32_t left = (int32_t)(row_bytes - off);
        const int full = left >= (int32_t)step_bytes;
        const uint8_t *base = m->weights + off;
        uint16_t *o16 = (uint16_t *)out + j0;
        uint8_t *o8 = (uint8_t *)out + j0;
        if (B == 8) {
            full ? block8(ptr, count, off, left, o16, 1) : block8(ptr, count, off, left, o16, 0);
        } else if (B == 4 && bytes) {
            full ? block4_bytes(base, rows, count, row_bytes, left, o8, 1)
                 : block4_bytes(base, rows, count, row_bytes, left, o8, 0);
        } else if (B == 4) {
            full ? block4_wide(base, rows, count, row_bytes, left, o16, 1)
                 : block4_wide(base, rows, count, row_bytes, left, o16, 0);
        } else if (bytes) {
            full ? block2_bytes(base, rows, count, row_bytes, left, o8, 1)
                 : block2_bytes(base, rows, count, row_bytes, left, o8, 0);
        } else {
            full ? block2_wide(base, rows, count, row_bytes, left, o16, 1)
                 : block2_wide(base, rows, count, row_bytes, left, o16, 0);
        }
    }
    return bytes ? SUM_U8 : SUM_U16;
}

/* Finishes lane j of a vector step: the refractory count or the spike's bookkeeping. */
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

/* Step 3 in vectors of four neurons; the sums in `form` at `sums`. */
ALWAYS_INLINE uint32_t exc_mve(const snn_model *m, snn_lif_state *s, const void *sums, uint32_t inh, const uint32_t form,
                               const int with_inh)
{
    const uint32_t n = m->neurons;
    const int32_t *thr = (const int32_t *)(const void *)m->neuron_sec;
    const int32_t *inhib = thr + n;
    const int32_t *vfloor = thr + 2 * n;
    const uint16_t *s16 = (const uint16_t *)sums;
    const uint8_t *s8 = (const uint8_t *)sums;
    const uint32_t kq = m->leak_exc_q16 << 16;
    const int32x4_t kqv = vdupq_n_s32((int32_t)kq);
    const int32x4_t inhv = vdupq_n_s32((int32_t)inh);
    const int32_t shift = m->v_shift;
    uint32_t spikes = 0;
    /* one pointer per array, stepped with the loads (post-increment addressing) */
    int32_t *pv = s->v;
    const uint8_t *pref = s->ref;
    const int32_t *pthr = thr;
    const uint16_t *p16 = s16;
    const uint8_t *p8 = s8;
    const uint8_t *pisp = s->inh_spiked;
    const int32_t *pinhib = inhib;
    const int32_t *pfloor = vfloor;
    const uint32_t groups = n / 4u;
    for (uint32_t g = 0; g < groups; g++) {
        int32x4_t v = vldrwq_s32(pv);
        int32x4_t x = vsubq_s32(v, vrmulhq_s32(v, kqv));
        if (form == SUM_U16) {
            x = vaddq_s32(x, vshlq_r_s32(vreinterpretq_s32_u32(vldrhq_u32(p16)), shift));
            p16 += 4;
        } else if (form == SUM_U8) {
            x = vaddq_s32(x, vshlq_r_s32(vreinterpretq_s32_u32(vldrbq_u32(p8)), shift));
            p8 += 4;
        }
        if (with_inh) {
            int32x4_t c = vsubq_s32(inhv, vreinterpretq_s32_u32(vldrbq_u32(pisp)));
            x = vsubq_s32(x, vmulq_s32(c, vldrwq_s32(pinhib)));
            x = vmaxq_s32(x, vldrwq_s32(pfloor));
            pisp += 4;
            pinhib += 4;
            pfloor += 4;
        }
        /* Lane masks by arithmetic, not predicates (GCC 12 moves every predicate through a core
         * register): busy = ref > 0 (0 - ref is negative), fire = x > threshold among the idle
         * (threshold - x, saturated, is negative; saturation keeps the sign). */
        const int32x4_t busy = vshrq_n_s32(vnegq_s32(vreinterpretq_s32_u32(vldrbq_u32(pref))), 31);
        const int32x4_t fire = vbicq_s32(vshrq_n_s32(vqsubq_s32(vldrwq_s32(pthr), x), 31), busy);
        const int32x4_t odd = vorrq_s32(busy, fire);
        /* busy lanes keep v, firing lanes take 0, the others x */
        vstrwq_s32(pv, vorrq_s32(vbicq_s32(x, odd), vandq_s32(v, busy)));
        pv += 4;
        pref += 4;
        pthr += 4;
        if (vmaxvq_u32(0, vreinterpretq_u32_s32(odd)) != 0) {
            int32_t bb[4];
            int32_t ff[4];
            vstrwq_s32(bb, busy);
            vstrwq_s32(ff, fire);
            for (uint32_t i = 0; i < 4u; i++) {
                spikes += finish_lane(m, s, 4 * g + i, bb[i] != 0, ff[i] != 0);
            }
        }
    }
    uint32_t j = 4u * groups;
    for (; j < n; j++) {
        if (s->ref[j] > 0) {
            s->ref[j]--;
            continue;
        }
        uint32_t a = form == SUM_U16 ? s16[j] : form == SUM_U8 ? s8[j] : 0u;
        spikes += exc_neuron(m, s, j, a, inh, with_inh, kq);
    }
    return spikes;
}

/*
 * Step 4: sixteen neurons at a time are skipped when none is refractory, none's partner spiked,
 * none spiked in the previous step and every v_inh is below inh_rest_end (a fixed point of the
 * leak: see inhibitory() in snn_kernel_impl.h); the others run the scalar step.
 */
static uint32_t inh_mve(const snn_model *m, snn_lif_state *s)
{
    const uint32_t n = m->neurons;
    const uint32_t kq = m->leak_inh_q16 << 16;
    const uint8x16_t zero8 = vdupq_n_u8(0);
    const uint32x4_t rest = vdupq_n_u32(s->bounds.inh_rest_end);
    const uint32_t *vi = (const uint32_t *)(const void *)s->v_inh;
    uint32_t spikes = 0;
    uint32_t j = 0;
    for (; j + 16u <= n; j += 16u) {
        uint8x16_t f = vorrq_u8(vorrq_u8(vldrbq_u8(s->ref_inh + j), vldrbq_u8(s->exc_spiked + j)),
                                vldrbq_u8(s->inh_spiked + j));
        uint32x4_t top = vmaxq_u32(vmaxq_u32(vldrwq_u32(vi + j), vldrwq_u32(vi + j + 4)),
                                   vmaxq_u32(vldrwq_u32(vi + j + 8), vldrwq_u32(vi + j + 12)));
        const uint32_t flagged = vcmpneq_u8(f, zero8);
        const uint32_t moving = vcmpcsq_u32(top, rest);
        if ((flagged | moving) == 0) {
            continue;
        }
        for (uint32_t i = 0; i < 16u; i++) {
            spikes += inh_neuron(m, s, j + i, kq);
        }
    }
    for (; j < n; j++) {
        spikes += inh_neuron(m, s, j, kq);
    }
    return spikes;
}

static uint32_t step(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out)
{
    const uint32_t wmax = (1u << m->weight_bits) - 1u;
    if (rows > 65535u / wmax || m->leak_exc_q16 >= 32768u || m->leak_inh_q16 >= 32768u
        || !fits_int32(m, s, rows, inh)) {
        return snn_kernel_step_generic(m, s, rows, inh, inh_out);
    }
    void *sums = (void *)s->acc;
    const uint32_t form = rows > 0 ? sum_rows_mve(m, s->spiking_row, rows, sums) : SUM_NONE;
    clear_exc_spikes(m, s);
    uint32_t spikes;
    if (inh == 0) {
        spikes = form == SUM_U8    ? exc_mve(m, s, sums, 0, SUM_U8, 0)
                 : form == SUM_U16 ? exc_mve(m, s, sums, 0, SUM_U16, 0)
                                   : exc_mve(m, s, sums, 0, SUM_NONE, 0);
    } else {
        spikes = form == SUM_U8    ? exc_mve(m, s, sums, inh, SUM_U8, 1)
                 : form == SUM_U16 ? exc_mve(m, s, sums, inh, SUM_U16, 1)
                                   : exc_mve(m, s, sums, inh, SUM_NONE, 1);
    }
    s->exc_marked = spikes;
    *inh_out = inh_mve(m, s);
    return spikes;
}

/*
 * Step 1's draws, four steps at once. Step t draws the `active` numbers after those of steps
 * 0..t-1, so the four steps t..t+3 of a group start `active` draws apart: lane k starts at
 * J^k(x), J = the xorshift step taken `active` times (a linear map of GF(2)^32, kept as its 32
 * columns in s->jump), and each lane then runs the plain generator, one draw per iteration for all
 * four lanes. Lane k's hits go to bit a of step k's bitmap (32 draws per word); step t's rows are
 * the set bits, in ascending order. The state after step t + k is lane k's last value. Every number drawn is the
 * one section 6 draws at that place.
 */

/* J applied to v: the columns of the set bits of v, XORed; four columns per vector (lane i of
 * vector q is column 4q + i, masked by bit 4q + i of v). */
static uint32_t jump_apply(const uint32_t *jump, uint32_t v)
{
    static const int32_t first[4] = {0, -1, -2, -3};
    int32x4_t shift = vldrwq_s32(first); /* negative: right shifts */
    const uint32x4_t vv = vdupq_n_u32(v);
    const uint32x4_t one = vdupq_n_u32(1);
    uint32x4_t acc = vdupq_n_u32(0);
    for (uint32_t q = 0; q < 8u; q++) {
        uint32x4_t bit = vandq_u32(vshlq_u32(vv, shift), one);
        uint32x4_t mask = vreinterpretq_u32_s32(vnegq_s32(vreinterpretq_s32_u32(bit)));
        acc = veorq_u32(acc, vandq_u32(vldrwq_u32(jump + 4u * q), mask));
        shift = vsubq_n_s32(shift, 4);
    }
    uint32_t lanes[4];
    vstrwq_u32(lanes, acc);
    return lanes[0] ^ lanes[1] ^ lanes[2] ^ lanes[3];
}

ALWAYS_INLINE uint32x4_t xorshift4(uint32x4_t x)
{
    x = veorq_u32(x, vshlq_n_u32(x, 13));
    x = veorq_u32(x, vshrq_n_u32(x, 17));
    return veorq_u32(x, vshlq_n_u32(x, 5));
}

/* s->jump = the columns J(e_b), b = 0..31: the unit vectors stepped `active` times, 4 per vector. */
static void make_jump(snn_lif_state *s, uint32_t active)
{
    for (uint32_t v = 0; v < 8u; v++) {
        uint32_t e[4] = {1u << (4 * v), 1u << (4 * v + 1), 1u << (4 * v + 2), 1u << (4 * v + 3)};
        uint32x4_t x = vldrwq_u32(e);
        for (uint32_t a = 0; a < active; a++) {
            x = xorshift4(x);
        }
        vstrwq_u32(s->jump + 4 * v, x);
    }
}

static void draw_group(snn_lif_state *s, uint32_t active, uint32_t x0)
{
    uint32_t start[4];
    start[0] = x0;
    for (uint32_t k = 1; k < 4u; k++) {
        start[k] = jump_apply(s->jump, start[k - 1]);
    }
    uint32x4_t x = vldrwq_u32(start);
    for (uint32_t a0 = 0, w = 0; a0 < active; a0 += 32u, w++) {
        const uint32_t end = active - a0 < 32u ? active - a0 : 32u;
        const uint16_t *p = s->active_p + a0;
        /* (x >>> 16) - p is negative exactly for a hit; VSRI shifts the bits right by one and puts
         * that sign bit on top, so after 32 draws bit i is draw i of the word */
        uint32x4_t bits = vdupq_n_u32(0);
        uint32_t i = 0;
        for (; i + 2u <= end; i += 2u) { /* two per pass: VSRI's result alternates registers, no copy */
            x = xorshift4(x);
            uint32x4_t b1 = vsriq_n_u32(vsubq_n_u32(vshrq_n_u32(x, 16), p[i]), bits, 1);
            x = xorshift4(x);
            bits = vsriq_n_u32(vsubq_n_u32(vshrq_n_u32(x, 16), p[i + 1]), b1, 1);
        }
        if (i < end) {
            x = xorshift4(x);
            bits = vsriq_n_u32(vsubq_n_u32(vshrq_n_u32(x, 16), p[i]), bits, 1);
        }
        uint32_t out[4];
        vstrwq_u32(out, bits);
        for (uint32_t k = 0; k < 4u; k++) {
            s->draw_bits[4 * w + k] = out[k] >> (32u - end); /* a short last word: bit i is draw i */
        }
    }
    vstrwq_u32(s->draw_end, x);
}

static uint32_t draws(snn_lif_state *s, uint32_t active, uint32_t t, uint32_t *x)
{
    const uint32_t k = t % 4u;
    if (k == 0) {
        if (t == 0) {
            make_jump(s, active);
        }
        draw_group(s, active, *x);
    }
    uint32_t rows = 0;
    for (uint32_t a0 = 0, w = 0; a0 < active; a0 += 32u, w++) {
        for (uint32_t b = s->draw_bits[4 * w + k]; b != 0; b &= b - 1u) {
            s->spiking_row[rows++] = s->active_input[a0 + (uint32_t)__builtin_ctz(b)];
        }
    }
    *x = s->draw_end[k];
    return rows;
}

const snn_kernel snn_kernel_mve = {"mve", step, draws};

#endif
