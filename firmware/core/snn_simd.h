/*
 * The DSP instructions the dsp kernel uses, each with a C model of its exact result for cores and
 * hosts without them (the host tests run the dsp kernel through these models). Input ranges are
 * the whole uint32/int32 unless a comment says otherwise.
 */
#ifndef SNN_SIMD_H
#define SNN_SIMD_H

#include <stdint.h>

#if defined(__ARM_FEATURE_DSP)

/* SMMULR: (a * b + 2^31) >> 32, the high word of the 64-bit product rounded half up. */
static inline int32_t snn_smmulr(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("smmulr %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}

/* UXTAB16: acc + (bytes 0 and 2 of w, each zero-extended into a 16-bit lane); lanes wrap mod 2^16. */
static inline uint32_t snn_uxtab16(uint32_t acc, uint32_t w)
{
    uint32_t r;
    __asm__("uxtab16 %0, %1, %2" : "=r"(r) : "r"(acc), "r"(w));
    return r;
}

/* The same for bytes 1 and 3 (UXTAB16 with its operand rotated right by 8). */
static inline uint32_t snn_uxtab16_ror8(uint32_t acc, uint32_t w)
{
    uint32_t r;
    __asm__("uxtab16 %0, %1, %2, ror #8" : "=r"(r) : "r"(acc), "r"(w));
    return r;
}

#else

static inline int32_t snn_smmulr(int32_t a, int32_t b)
{
    return (int32_t)(((int64_t)a * b + 0x80000000LL) >> 32);
}

static inline uint32_t snn_uxtab16(uint32_t acc, uint32_t w)
{
    uint32_t lo = (acc + (w & 0xFFu)) & 0xFFFFu;
    uint32_t hi = ((acc >> 16) + ((w >> 16) & 0xFFu)) & 0xFFFFu;
    return lo | hi << 16;
}

static inline uint32_t snn_uxtab16_ror8(uint32_t acc, uint32_t w)
{
    return snn_uxtab16(acc, w >> 8 | w << 24);
}

#endif

/* The scalar kernel's two operations (snn_kernel_impl.h) in these instructions, for the DSP and MVE
 * kernels: the leak by SMMULR (kq = k << 16, exact for k < 32768) and the 8-bit row sums by UXTAB16. */
#define KERNEL_LEAK(v, k, kq) ((v) - snn_smmulr((v), (int32_t)(kq)))
#define KERNEL_ADD8(a0, a1, w, m)            \
    do {                                     \
        (void)(m);                           \
        (a0) = snn_uxtab16((a0), (w));       \
        (a1) = snn_uxtab16_ror8((a1), (w));  \
    } while (0)

#endif
