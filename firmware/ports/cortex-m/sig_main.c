/*
 * Signature verification on a Cortex-M core under QEMU (make BOARD=b sig-qemu): first one timed
 * verification exactly as a commit makes it (Ed25519 over a 32-byte SHA-256 digest, docs/device-spec.md
 * section 15), then the RFC 8032 section 7.1 vectors (tests/ed25519_check.c). Instructions come from
 * SysTick under `-icount shift=0` (one instruction = 1 ns of virtual time, as bench_main.c); the stack
 * of the verification is the deepest use of the stack, painted again just before it, less the depth
 * in use at that point. Monocypher and snn_sign use no static RAM.
 */
#include <stdint.h>
#include "ed25519_check.h"
#include "golden_io.h"
#include "monocypher-ed25519.h"
#include "semihost.h"
#include "snn_fmt.h"
#include "snn_sha256.h"
#include "snn_sign.h"
#include "systick.h"

#define RUNS 3

uint32_t snn_stack_used(void);
extern uint32_t _stack_bottom;

/* Paints the stack below the caller's frame again (startup.c's pattern), so that snn_stack_used
 * then measures only what runs after; returns the depth in use now. */
static __attribute__((noinline)) uint32_t repaint(void)
{
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (volatile uint32_t *p = &_stack_bottom; (uintptr_t)p < sp - 64; p++) {
        *p = 0x5AC5A5C5u;
    }
    return snn_stack_used();
}

int main(void)
{
    /* a key pair and a signature over a digest, made before the stack is measured */
    static uint8_t seed[32] = {1, 2, 3, 4, 5, 6, 7, 8};
    static uint8_t secret[64];
    static uint8_t pub[32];
    static uint8_t digest[32];
    static uint8_t sig[64];
    crypto_ed25519_key_pair(secret, pub, seed);
    snn_sha256((const uint8_t *)"snn signed image", 16, digest);
    crypto_ed25519_sign(sig, secret, digest, 32);
    uint32_t stack_before = repaint();

    snn_systick_start();
    uint64_t best = ~(uint64_t)0;
    int ok = 1;
    for (int r = 0; r < RUNS; r++) {
        uint64_t t0 = snn_systick_ticks();
        ok &= snn_sign_verify(pub, digest, 32, sig) == 0;
        uint64_t dt = snn_systick_ticks() - t0;
        best = dt < best ? dt : best;
    }
    uint32_t stack_verify = snn_stack_used();
    char line[240];
    uint32_t vectors = 0;
    uint32_t failed = ed25519_check_vectors(&vectors, line, sizeof line);
    if (failed != 0 || !ok) {
        gio_print("sig: FAILED ");
        gio_print(ok ? line : "the timed verification refused a valid signature");
        gio_print("\n");
        semihost_exit(0);
    }
    snn_fmt f;
    snn_fmt_init(&f, line, sizeof line);
    snn_fmt_str(&f, "sig: board=" SNN_BOARD_NAME " rfc8032_vectors=");
    snn_fmt_u32(&f, vectors);
    snn_fmt_str(&f, " passed; verify_instructions=");
    snn_fmt_i64(&f, (int64_t)(best * 1000000000u / SNN_CPU_HZ));
    snn_fmt_str(&f, " systick_ticks=");
    snn_fmt_i64(&f, (int64_t)best);
    snn_fmt_str(&f, " verify_stack_bytes=");
    snn_fmt_u32(&f, stack_verify - stack_before);
    snn_fmt_str(&f, " (deepest stack ");
    snn_fmt_u32(&f, stack_verify);
    snn_fmt_str(&f, " bytes, of which ");
    snn_fmt_u32(&f, stack_before);
    snn_fmt_str(&f, " were in use before the call)\n");
    gio_print(line);
    semihost_exit(1);
    return 0;
}
