#include "snn_sign.h"
#include "snn_sha256.h"

#if SNN_SIGNATURES
#include "monocypher-ed25519.h"

int snn_sign_available(void)
{
    return 1;
}

int snn_sign_verify(const uint8_t pub[32], const uint8_t *msg, uint32_t len, const uint8_t sig[64])
{
    return crypto_ed25519_check(sig, pub, msg, len) == 0 ? 0 : -1;
}
#else
int snn_sign_available(void)
{
    return 0;
}

int snn_sign_verify(const uint8_t pub[32], const uint8_t *msg, uint32_t len, const uint8_t sig[64])
{
    (void)pub;
    (void)msg;
    (void)len;
    (void)sig;
    return -1;
}
#endif

void snn_sign_key_id(const uint8_t pub[32], uint8_t id[8])
{
    uint8_t h[32];
    snn_sha256(pub, 32, h);
    for (uint32_t i = 0; i < 8; i++) {
        id[i] = h[i];
    }
}
