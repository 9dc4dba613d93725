/*
 * The golden-vector checker on the Pico without semihosting: the vectors are baked into the image
 * (GOLDEN_BAKED = all: ports/cortex-m/golden_baked.c), the report goes out on UART0, and a final
 * BKPT #0x42 (ok) or #0x43 (failed) ends an emulator run (ports/pico/run-rp2040js.js).
 */
#include "golden_io.h"
#include "pico_hw.h"

int gio_host_open(const char *path)
{
    (void)path;
    return -1;
}

int gio_host_read(int h, uint8_t *buf, uint32_t len)
{
    (void)h;
    (void)buf;
    (void)len;
    return -1;
}

int32_t gio_host_length(int h)
{
    (void)h;
    return -1;
}

void gio_host_close(int h)
{
    (void)h;
}

void gio_print(const char *s)
{
    pico_uart_puts(s);
}

int main(void)
{
    pico_clocks_init();
    pico_uart_init(0);
    int failed = golden_check_dir("golden");
    pico_uart_drain();
    if (failed == 0) {
        __asm__ volatile("bkpt #0x42");
    } else {
        __asm__ volatile("bkpt #0x43");
    }
    for (;;) {
    }
}
