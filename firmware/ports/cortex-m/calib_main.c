/*
 * Checks a board's CPU_HZ (the SysTick clock QEMU gives the core): under `-icount shift=0` every
 * instruction takes 1 ns of virtual time, so a loop of a known number of instructions must last
 * instructions * CPU_HZ / 10^9 SysTick ticks. Prints the clock the ticks imply next to SNN_CPU_HZ.
 */
#include <stdint.h>
#include "golden_io.h"
#include "semihost.h"
#include "systick.h"
#include "snn_fmt.h"

#define LOOPS 5000000u /* 2 instructions each (subs, bne): 10 ms of virtual time */


int main(void)
{
    char line[160];
    snn_fmt f;
    snn_systick_start();
    while (SYST_CVR == 0) { /* until the first reload: before it, the count reads 0 (= a full wrap) */
    }
    uint64_t t0 = snn_systick_ticks();
    register uint32_t n __asm__("r0") = LOOPS;
    __asm__ volatile(".syntax unified\n1: subs %0, %0, #1\n bne 1b\n" : "+l"(n));
    uint64_t dt = snn_systick_ticks() - t0;
    snn_fmt_init(&f, line, sizeof line);
    snn_fmt_str(&f, "calib: board=" SNN_BOARD_NAME " instructions=");
    snn_fmt_u32(&f, 2 * LOOPS);
    snn_fmt_str(&f, " systick_ticks=");
    snn_fmt_i64(&f, (int64_t)dt);
    snn_fmt_str(&f, " implied_hz=");
    snn_fmt_i64(&f, (int64_t)(dt * 1000000000u / (2 * LOOPS)));
    snn_fmt_str(&f, " CPU_HZ=");
    snn_fmt_i64(&f, SNN_CPU_HZ);
    snn_fmt_str(&f, "\n");
    gio_print(line);
    semihost_exit(1);
    return 0;
}
