/*
 * The DSP kernel (snn_kernel.h) for Armv7E-M and Armv8-M Mainline with the DSP extension
 * (Cortex-M4, M7, M33, M55): the portable kernel's loop with two instructions swapped in.
 *  - leak: mul_q16_round(v, k) = (v * k + 2^15) >> 16 = (v * (k << 16) + 2^31) >> 32 = SMMULR(v, k << 16),
 *    exact while k << 16 fits int32, i.e. k < 32768 (a leak of under one half per step; every
 *    quantized model's). Larger k take snn_kernel_step_generic.
 *  - 8-bit rows: UXTAB16 adds bytes 0 and 2 (or, rotated, 1 and 3) of a weight word to two 16-bit
 *    lanes in one instruction, instead of mask, shift and add.
 * Built on hosts too, with snn_simd.h's C models of both instructions, for the tests.
 */
#if !defined(SNN_KERNEL_SMALL) && defined(__OPTIMIZE_SIZE__)
#pragma GCC optimize("O2") /* the loop keeps -O2 in a firmware built for size (FW_OPT = -Os) */
#endif
#include "snn_arith.h"
#include "snn_simd.h"

#include "snn_kernel_impl.h"

static uint32_t step(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out)
{
    if (m->leak_exc_q16 >= 32768u || m->leak_inh_q16 >= 32768u) {
        return snn_kernel_step_generic(m, s, rows, inh, inh_out);
    }
    const uint32_t kq_exc = m->leak_exc_q16 << 16;
    const uint32_t kq_inh = m->leak_inh_q16 << 16;
    switch (m->weight_bits) {
    case 2:
        return step_bits(m, s, rows, inh, inh_out, 2, kq_exc, kq_inh);
    case 4:
        return step_bits(m, s, rows, inh, inh_out, 4, kq_exc, kq_inh);
    default:
        return step_bits(m, s, rows, inh, inh_out, 8, kq_exc, kq_inh);
    }
}

const snn_kernel snn_kernel_dsp = {"dsp", step, 0};
