#ifndef SEMIHOST_H
#define SEMIHOST_H

#include <stdint.h>

/* The command line QEMU passes (-semihosting-config ...,arg=A,arg=B gives "A B"); 0 or -1. */
int semihost_cmdline(char *buf, uint32_t cap);
/* Ends QEMU: exit status 0 when ok, 1 otherwise. */
void semihost_exit(int ok);

#endif
