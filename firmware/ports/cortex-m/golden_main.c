/* The golden-vector checker on the Cortex-M3: reads DIR (the second semihosting argument). */
#include "golden_io.h"
#include "semihost.h"

int main(void)
{
    char cmd[256];
    if (semihost_cmdline(cmd, sizeof cmd) != 0) {
        gio_print("golden: no semihosting command line\n");
        semihost_exit(0 != 0);
    }
    char *dir = cmd;
    while (*dir && *dir != ' ') {
        dir++;
    }
    while (*dir == ' ') {
        dir++;
    }
    int failed = golden_check_dir(dir);
    semihost_exit(failed == 0);
    return 0;
}
