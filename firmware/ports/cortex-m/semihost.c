/*
 * ARM semihosting (bkpt 0xAB), enough for the golden checker and the benchmark under QEMU
 * (-semihosting-config enable=on,target=native,arg=PROGRAM,arg=DIR): host files, console, exit.
 */
#include <stdint.h>
#ifdef SNN_GOLDEN_BAKED /* golden_baked.c owns gio_*: its baked files first, then these host files */
#define gio_open gio_host_open
#define gio_read gio_host_read
#define gio_length gio_host_length
#define gio_close gio_host_close
#endif
#include "golden_io.h"
#include "semihost.h"

static int32_t call(uint32_t op, const void *arg)
{
    register uint32_t r0 __asm__("r0") = op;
    register const void *r1 __asm__("r1") = arg;
    __asm__ volatile("bkpt 0xAB" : "+r"(r0) : "r"(r1) : "memory");
    return (int32_t)r0;
}

static uint32_t length(const char *s)
{
    uint32_t n = 0;
    while (s[n]) {
        n++;
    }
    return n;
}

int gio_open(const char *path)
{
    uint32_t a[3] = {(uint32_t)(uintptr_t)path, 1 /* "rb" */, length(path)};
    return call(0x01, a);
}

int gio_read(int h, uint8_t *buf, uint32_t len)
{
    uint32_t a[3] = {(uint32_t)h, (uint32_t)(uintptr_t)buf, len};
    return call(0x06, a) == 0 ? 0 : -1; /* returns the bytes NOT read */
}

int32_t gio_length(int h)
{
    uint32_t a[1] = {(uint32_t)h};
    return call(0x0C, a);
}

void gio_close(int h)
{
    uint32_t a[1] = {(uint32_t)h};
    call(0x02, a);
}

#ifndef SNN_GOLDEN_BAKED
const uint8_t *gio_map(int h)
{
    (void)h;
    return 0;
}
#endif

void gio_print(const char *s)
{
    call(0x04, s);
}

int semihost_cmdline(char *buf, uint32_t cap)
{
    uint32_t a[2] = {(uint32_t)(uintptr_t)buf, cap};
    return call(0x15, a);
}

void semihost_exit(int ok)
{
    uint32_t reason = ok ? 0x20026u /* ADP_Stopped_ApplicationExit */ : 0x20023u /* ADP_Stopped_RunTimeError */;
    call(0x18, (const void *)(uintptr_t)reason);
    for (;;) {
    }
}
