/* Host: the RFC 8032 section 7.1 vectors through Monocypher and snn_sign (ed25519_check.c). */
#include <stdio.h>
#include "ed25519_check.h"

int main(void)
{
    char why[160] = "";
    uint32_t vectors = 0;
    uint32_t failed = ed25519_check_vectors(&vectors, why, sizeof why);
    if (failed != 0) {
        fprintf(stderr, "test_ed25519: %u of %u RFC 8032 vectors failed: %s\n", failed, vectors, why);
        return 1;
    }
    printf("test_ed25519: %u RFC 8032 section 7.1 vectors passed (key, signature bytes, verify, 4 refusals each)\n",
           vectors);
    return 0;
}
