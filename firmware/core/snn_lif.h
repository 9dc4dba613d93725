/*
 * The device's inference loop (docs/device-spec.md sections 6 to 9), bit for bit the Java emulator's
 * snn.core.LifLoop. The model is read in place (weights, per-neuron constants and the rate table
 * stay where the image is, normally flash); the state lives in one caller-owned snn_lif_state.
 */
#ifndef SNN_LIF_H
#define SNN_LIF_H

#include <stdint.h>
#include "snn_config.h"

#define SNN_DECISION_MAX_NEURON 0
#define SNN_DECISION_VOTE 1
#define SNN_LABEL_NONE 255

/* A parsed device image: pointers into the image bytes plus the header and PARAMS scalars. */
typedef struct {
    uint16_t inputs;
    uint16_t neurons;
    uint8_t classes;
    uint8_t weight_bits;
    uint32_t weight_row_bytes;
    const uint8_t *weights;      /* WEIGHTS: row i at weights + i * weight_row_bytes, 4-byte aligned */
    const uint8_t *neuron_sec;   /* NEURONS: i32 threshold[n], inhibition[n], v_floor[n] */
    const uint8_t *labels;       /* LABELS: u8[n] */
    const uint8_t *rate_q16;     /* PARAMS + 32: u16[256] */
    uint16_t steps;
    uint32_t leak_exc_q16;
    uint32_t leak_inh_q16;
    uint8_t refractory_exc;
    uint8_t refractory_inh;
    uint8_t v_shift;
    uint8_t decision;
    int32_t w_exc_to_inh;
    int32_t threshold_inh;
    uint8_t intensity;
    uint8_t intensity_max;
    uint32_t min_spikes;
    /* SELFTEST */
    uint32_t st_seed;
    uint8_t st_label;
    uint8_t st_presentations;
    uint32_t st_steps;
    uint32_t st_total;
    const uint8_t *st_pixels;    /* u8[inputs] */
    const uint8_t *st_counts;    /* u16[n] */
    /* Header and SIGNATURE section (docs/device-spec.md section 15); the loop never reads them. */
    uint32_t security_version;
    const uint8_t *signature;    /* the 76-byte SIGNATURE section, or 0 when the image is unsigned */
} snn_model;

/* Kernels that draw four steps at once keep their draws in the state (snn_kernel_mve.c). */
#if defined(__ARM_FEATURE_MVE) || !defined(__arm__)
#define SNN_DRAW_GROUPS 1
#else
#define SNN_DRAW_GROUPS 0
#endif

/* Neurons rounded up so that whole weight words (up to 16 neurons each) always fit. */
#define SNN_NEURON_SLOTS ((SNN_MAX_NEURONS + 15) / 16 * 16)

/* Constants a kernel derives from the model before the first step of an image (snn_kernel.h). */
typedef struct {
    int32_t threshold_max;   /* max over j of threshold[j] */
    int32_t floor_min;       /* min over j of v_floor[j] */
    int32_t inhibition_max;  /* max over j of inhibition[j] */
    uint32_t inh_rest_below; /* a power of two P: every v_inh in [0, P) is a fixed point of leak(., leak_inh_q16) */
    uint32_t inh_rest_end;   /* the least v >= 0 with v * leak_inh_q16 >= 32768 (all of [0, it) are fixed points) */
} snn_bounds;

/* Everything the loop writes. About 12 n + 2 n + 4 n + 4 inputs bytes (spec section 12). */
typedef struct {
    int32_t v[SNN_NEURON_SLOTS];
    int32_t v_inh[SNN_NEURON_SLOTS];
    int32_t acc[SNN_NEURON_SLOTS];           /* step 1's sums; a kernel may keep them packed here (lanes) */
    uint16_t count[SNN_NEURON_SLOTS];
    uint8_t ref[SNN_NEURON_SLOTS];
    uint8_t ref_inh[SNN_NEURON_SLOTS];
    uint8_t exc_spiked[SNN_NEURON_SLOTS];
    uint8_t inh_spiked[SNN_NEURON_SLOTS];
    uint16_t active_input[SNN_MAX_INPUTS];  /* inputs with p > 0, ascending */
    uint16_t active_p[SNN_MAX_INPUTS];      /* their p */
    uint16_t spiking_row[SNN_MAX_INPUTS];   /* inputs that spike in the current step, ascending */
    snn_bounds bounds;
    uint32_t exc_marked;                    /* exc_spiked holds ones from the previous step */
#if SNN_DRAW_GROUPS
    /* The MVE kernel's draws of four steps at once (snn_kernel_mve.c): the PRNG jump by one step's
     * draws, the hits of each step as bits (word w of step k at [4 w + k]), the state after each. */
    uint32_t jump[32];
    uint32_t draw_bits[4 * ((SNN_MAX_INPUTS + 31) / 32)];
    uint32_t draw_end[4];
#endif
} snn_lif_state;

typedef struct {
    uint32_t label;          /* class, or SNN_LABEL_NONE */
    uint32_t steps;          /* steps over all presentations */
    uint32_t presentations;
    uint32_t total_spikes;   /* of the last presentation */
    const uint16_t *counts;  /* last presentation's counts: the state's count array */
} snn_lif_result;

/* Called after step 4 of every step (golden vectors); presentation is 0-based. */
typedef int (*snn_trace_fn)(void *ctx, uint32_t presentation, uint32_t t, const snn_lif_state *s, uint16_t n);

/*
 * Classifies one image. pixels: u8[inputs]. The model must have passed snn_image_parse and fit the
 * limits of snn_config.h. Returns 0, or the first non-zero value a trace callback returned.
 */
int snn_lif_run(const snn_model *m, snn_lif_state *s, const uint8_t *pixels, uint32_t image_seed,
                snn_trace_fn trace, void *trace_ctx, snn_lif_result *out);

/* The decision rule of spec section 9 over counts[0..n). */
uint32_t snn_decide(const snn_model *m, const uint16_t *counts);

#endif
