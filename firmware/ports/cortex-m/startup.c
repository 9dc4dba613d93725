/* Cortex-M start-up (every board of ports/): vector table at the start of CODE, copy .data, zero
 * .bss, paint the stack, call main. With -DSNN_ENABLE_FPU (mps3-an547) it first enables the FPU and
 * Helium (CP10/CP11), because compiled C may use their registers anywhere. */
#include <stdint.h>

extern uint32_t _data_load, _data_start, _data_end, _bss_start, _bss_end, _stack_top, _stack_bottom;
extern int main(void);
void reset_handler(void);
void fault_handler(void);
void systick_handler(void);

/* Incremented by SysTick at each wrap; used by the benchmark (bench.c). */
volatile uint32_t snn_systick_wraps;

void systick_handler(void)
{
    snn_systick_wraps++;
}

void fault_handler(void)
{
    for (;;) {
    }
}

__attribute__((section(".vectors"), used)) static void (*const vectors[16])(void) = {
    (void (*)(void))(&_stack_top), /* initial stack pointer */
    reset_handler,
    fault_handler, /* NMI */
    fault_handler, /* HardFault */
    fault_handler, /* MemManage */
    fault_handler, /* BusFault */
    fault_handler, /* UsageFault */
    0, 0, 0, 0,
    fault_handler, /* SVCall */
    fault_handler, /* DebugMonitor */
    0,
    fault_handler, /* PendSV */
    systick_handler,
};

/* Fills the stack with a pattern so that the deepest use can be measured (snn_stack_used). */
#define STACK_PAINT 0x5AC5A5C5u

void snn_start(void);

#ifdef SNN_ENABLE_FPU
/* Naked and in assembly so that no compiled (possibly vectorised) code runs before CPACR allows it:
 * CPACR (0xE000ED88) |= full access to CP10 and CP11, then dsb/isb before the first FP/MVE use. */
__attribute__((naked)) void reset_handler(void)
{
    __asm__ volatile("ldr r0, =0xE000ED88\n"
                     "ldr r1, [r0]\n"
                     "orr r1, r1, #0xF00000\n"
                     "str r1, [r0]\n"
                     "dsb\n"
                     "isb\n"
                     "b snn_start\n");
}
#else
void reset_handler(void)
{
    snn_start();
}
#endif

void snn_start(void)
{
    uint32_t *src = &_data_load;
    for (uint32_t *dst = &_data_start; dst < &_data_end; dst++) {
        *dst = *src++;
    }
    for (uint32_t *p = &_bss_start; p < &_bss_end; p++) {
        *p = 0;
    }
    /* paint up to 256 bytes below the current stack pointer (this function's frame is above it) */
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    for (uint32_t *p = &_stack_bottom; (uintptr_t)p < sp - 256; p++) {
        *p = STACK_PAINT;
    }
    main();
    for (;;) {
    }
}

uint32_t snn_stack_used(void);
uint32_t snn_stack_used(void)
{
    uint32_t *p = &_stack_bottom;
    while (p < &_stack_top && *p == STACK_PAINT) {
        p++;
    }
    return (uint32_t)((uintptr_t)&_stack_top - (uintptr_t)p);
}
