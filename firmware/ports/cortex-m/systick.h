/*
 * SysTick as a 64-bit tick counter for the benchmark and the clock check: the 24-bit down-counter
 * on the processor clock, and startup.c's count of its wraps (snn_systick_wraps).
 */
#ifndef SNN_SYSTICK_H
#define SNN_SYSTICK_H

#include <stdint.h>

#define SYST_CSR (*(volatile uint32_t *)0xE000E010u)
#define SYST_RVR (*(volatile uint32_t *)0xE000E014u)
#define SYST_CVR (*(volatile uint32_t *)0xE000E018u)

extern volatile uint32_t snn_systick_wraps;

/* Counts from now: full 24-bit reload, processor clock, interrupt at each wrap. */
static inline void snn_systick_start(void)
{
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0;
    SYST_CSR = 7u;
}

/* Ticks since the start (a wrap between the reads is detected and read again). */
static inline uint64_t snn_systick_ticks(void)
{
    uint32_t w1;
    uint32_t v;
    uint32_t w2;
    do {
        w1 = snn_systick_wraps;
        v = SYST_CVR;
        w2 = snn_systick_wraps;
    } while (w1 != w2);
    return (uint64_t)w1 * (1u << 24) + (0xFFFFFFu - v);
}

#endif
