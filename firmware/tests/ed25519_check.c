#include "ed25519_check.h"
#include "monocypher-ed25519.h"
#include "rfc8032_vectors.h"
#include "snn_fmt.h"
#include "snn_sign.h"

/* The group order L, little-endian (RFC 8032 section 5.1). */
static const uint8_t L[32] = {0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10};

static uint8_t msg[1024];

static uint32_t nibble(char c)
{
    return c <= '9' ? (uint32_t)(c - '0') : (uint32_t)(c - 'a' + 10);
}

static uint32_t unhex(const char *h, uint8_t *out)
{
    uint32_t n = 0;
    for (; h[2 * n] != 0; n++) {
        out[n] = (uint8_t)(nibble(h[2 * n]) << 4 | nibble(h[2 * n + 1]));
    }
    return n;
}

static int same(const uint8_t *a, const uint8_t *b, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        if (a[i] != b[i]) {
            return 0;
        }
    }
    return 1;
}

static int fail(snn_fmt *f, const char *name, const char *what)
{
    snn_fmt_str(f, name);
    snn_fmt_str(f, ": ");
    snn_fmt_str(f, what);
    return 1;
}

static int one(uint32_t v, snn_fmt *f)
{
    const rfc8032_vector *t = &RFC8032[v];
    uint8_t seed[32];
    uint8_t pub[32];
    uint8_t want_pub[32];
    uint8_t secret[64];
    uint8_t sig[64];
    uint8_t want_sig[64];
    unhex(t->seed, seed);
    unhex(t->pub, want_pub);
    unhex(t->sig, want_sig);
    uint32_t len = unhex(t->msg, msg);
    crypto_ed25519_key_pair(secret, pub, seed); /* wipes seed */
    if (!same(pub, want_pub, 32)) {
        return fail(f, t->name, "public key differs");
    }
    crypto_ed25519_sign(sig, secret, msg, len);
    if (!same(sig, want_sig, 64)) {
        return fail(f, t->name, "signature differs");
    }
    if (snn_sign_verify(pub, msg, len, sig) != 0) {
        return fail(f, t->name, "valid signature refused");
    }
    uint32_t bit = (v * 97u + 13u) % 512u;
    sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    if (snn_sign_verify(pub, msg, len, sig) == 0) {
        return fail(f, t->name, "signature with a flipped bit accepted");
    }
    sig[bit / 8] ^= (uint8_t)(1u << (bit % 8));
    uint32_t carry = 0; /* S + L: the same point equation, but S not below L */
    for (uint32_t i = 0; i < 32; i++) {
        carry += (uint32_t)sig[32 + i] + L[i];
        sig[32 + i] = (uint8_t)carry;
        carry >>= 8;
    }
    if (snn_sign_verify(pub, msg, len, sig) == 0) {
        return fail(f, t->name, "S + L accepted");
    }
    unhex(t->sig, sig);
    if (len > 0) {
        msg[len / 2] ^= 1;
    }
    if (snn_sign_verify(pub, msg, len > 0 ? len : 1, sig) == 0) {
        return fail(f, t->name, "changed message accepted");
    }
    unhex(RFC8032[(v + 1) % RFC8032_COUNT].pub, pub);
    if (snn_sign_verify(pub, msg, len, sig) == 0) {
        return fail(f, t->name, "another key accepted");
    }
    return 0;
}

uint32_t ed25519_check_vectors(uint32_t *vectors, char *why, uint32_t cap)
{
    static char later[160]; /* failures after the first are counted, not described */
    uint32_t failed = 0;
    for (uint32_t v = 0; v < RFC8032_COUNT; v++) {
        snn_fmt f;
        snn_fmt_init(&f, failed == 0 ? why : later, failed == 0 ? cap : (uint32_t)sizeof later);
        failed += (uint32_t)one(v, &f);
    }
    *vectors = (uint32_t)RFC8032_COUNT;
    return failed;
}
