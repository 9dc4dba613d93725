/*
 * The kernels of the device loop: steps 1 (the sum of the spiking rows), 3 and 4 of one time step
 * (docs/device-spec.md section 7). The driver (snn_lif.c) draws the input spikes, calls one kernel
 * per step, and owns presentations, retries and the decision. Every kernel gives the same state,
 * bit for bit, as the portable one; they differ only in how they get there:
 *
 *   portable  plain C99 on 32-bit words (snn_kernel_portable.c); the reference for the others
 *   dsp       the same loop with the Armv7E-M / Armv8-M DSP instructions SMMULR and UXTAB16
 *             (snn_kernel_dsp.c); selected where __ARM_FEATURE_DSP is defined
 *   mve       Helium (MVE) vectors, four neurons per instruction (snn_kernel_mve.c); selected
 *             where __ARM_FEATURE_MVE is defined
 *
 * On the host every kernel is built (dsp and mve with the C models of their instructions in
 * snn_simd.h and snn_mve_model.h) so that the tests run each against the golden vectors and
 * against the portable kernel.
 */
#ifndef SNN_KERNEL_H
#define SNN_KERNEL_H

#include <stdint.h>
#include "snn_lif.h"

typedef struct {
    const char *name;
    /* One time step after the draws: sums the rows s->spiking_row[0..rows), updates the excitatory
     * neurons with `inh` inhibitory spikes of the previous step, then the inhibitory neurons.
     * Writes the number of inhibitory spikes to *inh_out; returns the excitatory spikes. */
    uint32_t (*step)(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out);
    /* Optional (0: the driver draws): step 1's draws of step t of a presentation, into
     * s->spiking_row; returns their number and sets *x to the PRNG state after them. It must draw
     * exactly what section 6 says, in the same stream. */
    uint32_t (*draws)(snn_lif_state *s, uint32_t active, uint32_t t, uint32_t *x);
} snn_kernel;

extern const snn_kernel snn_kernel_portable;
#if defined(__ARM_FEATURE_DSP) || !defined(__arm__)
#define SNN_HAVE_KERNEL_DSP 1
extern const snn_kernel snn_kernel_dsp;
#endif
#if defined(__ARM_FEATURE_MVE) || !defined(__arm__)
#define SNN_HAVE_KERNEL_MVE 1
extern const snn_kernel snn_kernel_mve;
#endif

/* The kernel this build runs by default: the widest the core has. */
#if defined(__ARM_FEATURE_MVE)
#define SNN_KERNEL_DEFAULT snn_kernel_mve
#elif defined(__ARM_FEATURE_DSP)
#define SNN_KERNEL_DEFAULT snn_kernel_dsp
#else
#define SNN_KERNEL_DEFAULT snn_kernel_portable
#endif

/* One step as the spec writes it (plain sums, int64 step 3, any leak): the kernels' fallback for
 * steps their fast paths do not cover. Small on purpose. */
uint32_t snn_kernel_step_generic(const snn_model *m, snn_lif_state *s, uint32_t rows, uint32_t inh, uint32_t *inh_out);

/* Per-image constants the kernels derive from the model once, before the first step (stored in
 * snn_lif_state.bounds by snn_lif_run). */
void snn_kernel_bounds(const snn_model *m, snn_bounds *b);

/* The kernel snn_lif_run uses (SNN_KERNEL_DEFAULT unless a test chose another). */
extern const snn_kernel *snn_lif_kernel;

#endif
