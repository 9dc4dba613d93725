/*
 * C models of the Helium (MVE) intrinsics that snn_kernel_mve.c uses, with arm_mve.h's names and
 * results (Arm MVE intrinsics reference), so that the kernel builds and is tested on hosts. Only
 * what the kernel needs; lanes are arrays; a predicate has 16 bits, one per byte of the vector
 * (a 32-bit lane i is bits 4i..4i+3, a 16-bit lane i bits 2i..2i+1), as on the hardware.
 */
#ifndef SNN_MVE_MODEL_H
#define SNN_MVE_MODEL_H

#include <stdint.h>

typedef struct { int32_t v[4]; } int32x4_t;
typedef struct { uint32_t v[4]; } uint32x4_t;
typedef struct { uint16_t v[8]; } uint16x8_t;
typedef struct { uint16x8_t val[2]; } uint16x8x2_t;
typedef struct { uint16x8_t val[4]; } uint16x8x4_t;
typedef struct { uint8_t v[16]; } uint8x16_t;
typedef struct { uint8x16_t val[2]; } uint8x16x2_t;
typedef struct { uint8x16_t val[4]; } uint8x16x4_t;
typedef uint16_t mve_pred16_t;

static inline uint8x16_t vldrbq_u8(const uint8_t *p)
{
    uint8x16_t r;
    for (int i = 0; i < 16; i++) {
        r.v[i] = p[i];
    }
    return r;
}

/* Predicated load: bytes outside q read nothing and are 0. */
static inline uint8x16_t vldrbq_z_u8(const uint8_t *p, mve_pred16_t q)
{
    uint8x16_t r;
    for (int i = 0; i < 16; i++) {
        r.v[i] = (q >> i) & 1u ? p[i] : 0u;
    }
    return r;
}

/* Predicate of the first n bytes (n >= 16: all). */
static inline mve_pred16_t vctp8q(uint32_t n)
{
    return (mve_pred16_t)(n >= 16 ? 0xFFFFu : (1u << n) - 1u);
}

static inline uint8x16_t vdupq_n_u8(uint8_t x)
{
    uint8x16_t r;
    for (int i = 0; i < 16; i++) {
        r.v[i] = x;
    }
    return r;
}

static inline uint8x16_t vaddq_u8(uint8x16_t a, uint8x16_t b)
{
    for (int i = 0; i < 16; i++) {
        a.v[i] = (uint8_t)(a.v[i] + b.v[i]);
    }
    return a;
}

static inline uint8x16_t vandq_u8(uint8x16_t a, uint8x16_t b)
{
    for (int i = 0; i < 16; i++) {
        a.v[i] &= b.v[i];
    }
    return a;
}

static inline uint8x16_t vorrq_u8(uint8x16_t a, uint8x16_t b)
{
    for (int i = 0; i < 16; i++) {
        a.v[i] |= b.v[i];
    }
    return a;
}

static inline uint8x16_t vshrq_n_u8(uint8x16_t a, int n)
{
    for (int i = 0; i < 16; i++) {
        a.v[i] = (uint8_t)(a.v[i] >> n);
    }
    return a;
}

static inline mve_pred16_t vcmpneq_u8(uint8x16_t a, uint8x16_t b)
{
    mve_pred16_t p = 0;
    for (int i = 0; i < 16; i++) {
        p = (mve_pred16_t)(p | (a.v[i] != b.v[i] ? 1u << i : 0u));
    }
    return p;
}

/* Interleaving stores of bytes: p[2i + k] = a.val[k][i], p[4i + k] = a.val[k][i]. */
static inline void vst2q_u8(uint8_t *p, uint8x16x2_t a)
{
    for (int i = 0; i < 16; i++) {
        for (int k = 0; k < 2; k++) {
            p[2 * i + k] = a.val[k].v[i];
        }
    }
}

static inline void vst4q_u8(uint8_t *p, uint8x16x4_t a)
{
    for (int i = 0; i < 16; i++) {
        for (int k = 0; k < 4; k++) {
            p[4 * i + k] = a.val[k].v[i];
        }
    }
}

static inline int32x4_t vldrwq_s32(const int32_t *p)
{
    int32x4_t r;
    for (int i = 0; i < 4; i++) {
        r.v[i] = p[i];
    }
    return r;
}

static inline uint32x4_t vldrwq_u32(const uint32_t *p)
{
    uint32x4_t r;
    for (int i = 0; i < 4; i++) {
        r.v[i] = p[i];
    }
    return r;
}

static inline void vstrwq_u32(uint32_t *p, uint32x4_t a)
{
    for (int i = 0; i < 4; i++) {
        p[i] = a.v[i];
    }
}

static inline uint32x4_t veorq_u32(uint32x4_t a, uint32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] ^= b.v[i];
    }
    return a;
}

static inline uint32x4_t vshlq_n_u32(uint32x4_t a, int n)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] <<= n;
    }
    return a;
}

static inline uint32x4_t vshrq_n_u32(uint32x4_t a, int n)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] >>= n;
    }
    return a;
}

/* a - b per lane, b a scalar (wraps modulo 2^32). */
static inline uint32x4_t vsubq_n_u32(uint32x4_t a, uint32_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] -= b;
    }
    return a;
}

/* VSRI #n: b >> n, with the top n bits of a kept: (a & ~(~0u >> n)) | (b >> n). */
static inline uint32x4_t vsriq_n_u32(uint32x4_t a, uint32x4_t b, int n)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (a.v[i] & ~(0xFFFFFFFFu >> n)) | (b.v[i] >> n);
    }
    return a;
}

/* Shift left by a signed amount per lane (negative: logical right). */
static inline uint32x4_t vshlq_u32(uint32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        int32_t n = b.v[i];
        a.v[i] = n >= 32 || n <= -32 ? 0u : n >= 0 ? a.v[i] << n : a.v[i] >> -n;
    }
    return a;
}

static inline uint32x4_t vandq_u32(uint32x4_t a, uint32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] &= b.v[i];
    }
    return a;
}

static inline int32x4_t vsubq_n_s32(int32x4_t a, int32_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (int32_t)((uint32_t)a.v[i] - (uint32_t)b);
    }
    return a;
}

static inline uint32x4_t vmaxq_u32(uint32x4_t a, uint32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = a.v[i] > b.v[i] ? a.v[i] : b.v[i];
    }
    return a;
}

static inline void vstrwq_s32(int32_t *p, int32x4_t a)
{
    for (int i = 0; i < 4; i++) {
        p[i] = a.v[i];
    }
}

/* Widening loads: 4 halfwords or 4 bytes, zero-extended to 32-bit lanes; 8 bytes to 16-bit lanes. */
static inline uint32x4_t vldrhq_u32(const uint16_t *p)
{
    uint32x4_t r;
    for (int i = 0; i < 4; i++) {
        r.v[i] = p[i];
    }
    return r;
}

static inline uint32x4_t vldrbq_u32(const uint8_t *p)
{
    uint32x4_t r;
    for (int i = 0; i < 4; i++) {
        r.v[i] = p[i];
    }
    return r;
}

static inline uint16x8_t vldrbq_u16(const uint8_t *p)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++) {
        r.v[i] = p[i];
    }
    return r;
}

/* Narrowing store: the low halfword of each 32-bit lane. */
static inline void vstrhq_u32(uint16_t *p, uint32x4_t a)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (uint16_t)a.v[i];
    }
}

static inline void vstrhq_u16(uint16_t *p, uint16x8_t a)
{
    for (int i = 0; i < 8; i++) {
        p[i] = a.v[i];
    }
}

/* Interleaving stores: p[2i + k] = a.val[k][i] (vst2q), p[4i + k] = a.val[k][i] (vst4q). */
static inline void vst2q_u16(uint16_t *p, uint16x8x2_t a)
{
    for (int i = 0; i < 8; i++) {
        for (int k = 0; k < 2; k++) {
            p[2 * i + k] = a.val[k].v[i];
        }
    }
}

static inline void vst4q_u16(uint16_t *p, uint16x8x4_t a)
{
    for (int i = 0; i < 8; i++) {
        for (int k = 0; k < 4; k++) {
            p[4 * i + k] = a.val[k].v[i];
        }
    }
}

static inline int32x4_t vdupq_n_s32(int32_t x)
{
    int32x4_t r = {{x, x, x, x}};
    return r;
}

static inline uint32x4_t vdupq_n_u32(uint32_t x)
{
    uint32x4_t r = {{x, x, x, x}};
    return r;
}

static inline uint16x8_t vdupq_n_u16(uint16_t x)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++) {
        r.v[i] = x;
    }
    return r;
}

static inline uint16x8_t vaddq_u16(uint16x8_t a, uint16x8_t b)
{
    for (int i = 0; i < 8; i++) {
        a.v[i] = (uint16_t)(a.v[i] + b.v[i]);
    }
    return a;
}

static inline uint16x8_t vandq_u16(uint16x8_t a, uint16x8_t b)
{
    for (int i = 0; i < 8; i++) {
        a.v[i] &= b.v[i];
    }
    return a;
}

static inline uint16x8_t vshrq_n_u16(uint16x8_t a, int n)
{
    for (int i = 0; i < 8; i++) {
        a.v[i] = (uint16_t)(a.v[i] >> n);
    }
    return a;
}

/* Lane arithmetic on int32 wraps modulo 2^32, as the instructions do. */
static inline int32x4_t vaddq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (int32_t)((uint32_t)a.v[i] + (uint32_t)b.v[i]);
    }
    return a;
}

static inline int32x4_t vsubq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (int32_t)((uint32_t)a.v[i] - (uint32_t)b.v[i]);
    }
    return a;
}

static inline int32x4_t vmulq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (int32_t)((uint32_t)a.v[i] * (uint32_t)b.v[i]);
    }
    return a;
}

static inline int32x4_t vnegq_s32(int32x4_t a)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (int32_t)(0u - (uint32_t)a.v[i]);
    }
    return a;
}

/* Arithmetic shift right (the sign fills in). */
static inline int32x4_t vshrq_n_s32(int32x4_t a, int n)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = a.v[i] >> n;
    }
    return a;
}

/* a - b saturated to int32. */
static inline int32x4_t vqsubq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        int64_t d = (int64_t)a.v[i] - b.v[i];
        a.v[i] = d > INT32_MAX ? INT32_MAX : d < INT32_MIN ? INT32_MIN : (int32_t)d;
    }
    return a;
}

static inline int32x4_t vandq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] &= b.v[i];
    }
    return a;
}

static inline int32x4_t vorrq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] |= b.v[i];
    }
    return a;
}

/* a & ~b */
static inline int32x4_t vbicq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] &= ~b.v[i];
    }
    return a;
}

/* max(a, lanes of b), unsigned. */
static inline uint32_t vmaxvq_u32(uint32_t a, uint32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a = b.v[i] > a ? b.v[i] : a;
    }
    return a;
}

static inline int32x4_t vmaxq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = a.v[i] > b.v[i] ? a.v[i] : b.v[i];
    }
    return a;
}

/* VRMULH.S32: (a * b + 2^31) >> 32 per lane. */
static inline int32x4_t vrmulhq_s32(int32x4_t a, int32x4_t b)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (int32_t)(((int64_t)a.v[i] * b.v[i] + 0x80000000LL) >> 32);
    }
    return a;
}

/* VSHL by a scalar register: left shift by n >= 0 (bits shifted out are lost). */
static inline int32x4_t vshlq_r_s32(int32x4_t a, int32_t n)
{
    for (int i = 0; i < 4; i++) {
        a.v[i] = (int32_t)((uint32_t)a.v[i] << n);
    }
    return a;
}

static inline int32x4_t vreinterpretq_s32_u32(uint32x4_t a)
{
    int32x4_t r;
    for (int i = 0; i < 4; i++) {
        r.v[i] = (int32_t)a.v[i];
    }
    return r;
}

static inline uint32x4_t vreinterpretq_u32_s32(int32x4_t a)
{
    uint32x4_t r;
    for (int i = 0; i < 4; i++) {
        r.v[i] = (uint32_t)a.v[i];
    }
    return r;
}

static inline mve_pred16_t pred_of(const int c[4])
{
    mve_pred16_t p = 0;
    for (int i = 0; i < 4; i++) {
        p = (mve_pred16_t)(p | (c[i] ? 0xFu << (4 * i) : 0u));
    }
    return p;
}

static inline mve_pred16_t vcmpgtq_s32(int32x4_t a, int32x4_t b)
{
    int c[4];
    for (int i = 0; i < 4; i++) {
        c[i] = a.v[i] > b.v[i];
    }
    return pred_of(c);
}

static inline mve_pred16_t vcmpeqq_u32(uint32x4_t a, uint32x4_t b)
{
    int c[4];
    for (int i = 0; i < 4; i++) {
        c[i] = a.v[i] == b.v[i];
    }
    return pred_of(c);
}

/* Unsigned a >= b per lane. */
static inline mve_pred16_t vcmpcsq_u32(uint32x4_t a, uint32x4_t b)
{
    int c[4];
    for (int i = 0; i < 4; i++) {
        c[i] = a.v[i] >= b.v[i];
    }
    return pred_of(c);
}

/* Unsigned a > b per lane. */
static inline mve_pred16_t vcmphiq_u32(uint32x4_t a, uint32x4_t b)
{
    int c[4];
    for (int i = 0; i < 4; i++) {
        c[i] = a.v[i] > b.v[i];
    }
    return pred_of(c);
}

/* Predicated OR: lanes in p take a | b, the others `inactive`. */
static inline uint32x4_t vorrq_m_u32(uint32x4_t inactive, uint32x4_t a, uint32x4_t b, mve_pred16_t p)
{
    for (int i = 0; i < 4; i++) {
        inactive.v[i] = (p >> (4 * i)) & 1u ? a.v[i] | b.v[i] : inactive.v[i];
    }
    return inactive;
}

/* Predicated compare: lanes outside p are false. */
static inline mve_pred16_t vcmpgtq_m_s32(int32x4_t a, int32x4_t b, mve_pred16_t p)
{
    return (mve_pred16_t)(vcmpgtq_s32(a, b) & p);
}

/* Lanes where p is set take a, the others b. */
static inline int32x4_t vpselq_s32(int32x4_t a, int32x4_t b, mve_pred16_t p)
{
    for (int i = 0; i < 4; i++) {
        b.v[i] = (p >> (4 * i)) & 1u ? a.v[i] : b.v[i];
    }
    return b;
}

/* Predicate of the first n 16-bit lanes (n >= 8: all). */
static inline mve_pred16_t vctp16q(uint32_t n)
{
    return (mve_pred16_t)(n >= 8 ? 0xFFFFu : (1u << (2 * n)) - 1u);
}

/* Predicated widening load: lanes outside p read nothing and are 0. */
static inline uint16x8_t vldrbq_z_u16(const uint8_t *p, mve_pred16_t q)
{
    uint16x8_t r;
    for (int i = 0; i < 8; i++) {
        r.v[i] = (q >> (2 * i)) & 1u ? p[i] : 0u;
    }
    return r;
}

#endif
