/* RFC 8032 section 7.1 vectors against Monocypher and snn_sign (tests/ed25519_check.c). */
#ifndef ED25519_CHECK_H
#define ED25519_CHECK_H

#include <stdint.h>

/* Runs every vector: the public key from the seed, the signature (bytes equal), snn_sign_verify
 * accepting it, and refusing it with one bit flipped, with S + L, with the message changed and with
 * another vector's key. Returns the number of vectors that failed; why names the first failure. */
uint32_t ed25519_check_vectors(uint32_t *vectors, char *why, uint32_t cap);

#endif
