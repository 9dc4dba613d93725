/*
 * The integer helpers of the device loop (docs/device-spec.md sections 4 and 5), mirrored from
 * core's snn.core.Rounding and Xorshift32. Right shifts of negative int64 values are
 * arithmetic on GCC and Clang (the spec's floor); a port to another compiler must check this.
 */
#ifndef SNN_ARITH_H
#define SNN_ARITH_H

#include <stdint.h>

/* round(v * k / 2^16), half up; v any int32, k in 0..65536; computed in int64, cannot overflow. */
static inline int32_t snn_mul_q16_round(int32_t v, uint32_t k)
{
    return (int32_t)(((int64_t)v * (int64_t)k + 32768) >> 16);
}

/* One leak step toward 0: v - round(v * k / 2^16). */
static inline int32_t snn_leak(int32_t v, uint32_t k)
{
    return v - snn_mul_q16_round(v, k);
}

/*
 * leak(v, k) without a 64-bit product, for cores that have none (Cortex-M0/M0+: a 32x32->64
 * multiply is a library call there). v = hi * 2^16 + lo with lo in 0..65535, so
 *   (v * k + 32768) >> 16 = hi * k + ((lo * k + 32768) >> 16)
 * exactly: hi * k * 2^16 is a multiple of 2^16. Ranges: hi in -32768..32767 and k <= 65536, so
 * |hi * k| <= 2^31 and hi * k = -2^31 only for hi = -32768, k = 65536 (still an int32);
 * lo * k + 32768 <= 65535 * 65536 + 32768 < 2^32 fits uint32; the sum is round(v * k / 2^16), which
 * lies between 0 and v, so it fits int32 as well.
 */
static inline int32_t snn_leak_split(int32_t v, uint32_t k)
{
    int32_t hi = v >> 16; /* arithmetic shift: floor(v / 2^16) */
    uint32_t lo = (uint32_t)v & 0xFFFFu;
    int32_t q = (int32_t)((uint32_t)hi * k) + (int32_t)((lo * k + 32768u) >> 16);
    return v - q;
}

/* Clamps an int64 to [lo, INT32_MAX]. */
static inline int32_t snn_clamp(int64_t x, int32_t lo)
{
    if (x < lo) {
        return lo;
    }
    return x > INT32_MAX ? INT32_MAX : (int32_t)x;
}

static inline uint32_t snn_fmix32(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x85EBCA6Bu;
    h ^= h >> 13;
    h *= 0xC2B2AE35u;
    h ^= h >> 16;
    return h;
}

/* The PRNG state after seeding with an image seed. */
static inline uint32_t snn_rng_seed(uint32_t image_seed)
{
    uint32_t x = snn_fmix32(image_seed ^ 0x5EED5EEDu);
    return x == 0 ? 0x6D2B79F5u : x;
}

/* One xorshift32 step (13, 17, 5); the new state is also the output. */
static inline uint32_t snn_rng_next(uint32_t x)
{
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return x;
}

/* Little-endian loads from byte arrays (images are little-endian; compilers turn these into one load). */
static inline uint32_t snn_rd_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline int32_t snn_rd_i32(const uint8_t *p)
{
    return (int32_t)snn_rd_u32(p);
}

static inline uint16_t snn_rd_u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

/*
 * A 32-bit word of an image or of the state read or written in place. The image format puts every
 * weight row and the NEURONS section on 4-byte boundaries of a 4-byte aligned image, and all
 * supported targets are little-endian, so one load reads what snn_rd_u32 would. may_alias lets the
 * kernels read uint8 arrays (images, spike flags) word by word.
 */
typedef uint32_t __attribute__((may_alias)) snn_word;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the kernels read little-endian images word by word: a big-endian port needs snn_rd_u32"
#endif

static inline void snn_wr_u32(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

#endif
