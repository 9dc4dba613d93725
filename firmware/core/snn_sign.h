/*
 * Ed25519 signature checks (docs/device-spec.md section 15) on top of Monocypher's
 * crypto_ed25519_check (firmware/monocypher, vendored unchanged). A build with SNN_SIGNATURES=0 (a
 * board whose flash cannot hold Monocypher, docs/porting.md) links no crypto: it reports that it
 * cannot verify, and every check fails.
 */
#ifndef SNN_SIGN_H
#define SNN_SIGN_H

#include <stdint.h>

#ifndef SNN_SIGNATURES
#define SNN_SIGNATURES 1
#endif

/* 1 when this build verifies signatures. */
int snn_sign_available(void);

/* 0 when sig (64 bytes) is a valid Ed25519 signature of msg (len bytes) by the raw public key pub
 * (32 bytes); -1 otherwise (also when the build has no signatures). */
int snn_sign_verify(const uint8_t pub[32], const uint8_t *msg, uint32_t len, const uint8_t sig[64]);

/* A key's id: the first 8 bytes of the SHA-256 of its raw 32 bytes. */
void snn_sign_key_id(const uint8_t pub[32], uint8_t id[8]);

#endif
