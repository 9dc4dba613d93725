/*
 * The host port: the firmware as a POSIX process, for tests and for trying the protocol without a
 * board. Serial line: stdin/stdout, an existing tty or pty path (--port PATH), or a new pty whose
 * name is printed first (--pty). Flash: a file mapped into memory (--flash FILE, created erased),
 * or anonymous memory. --power-cut-after N tears the Nth flash write (half of it lands) and exits
 * with status 3, as a power cut would stop a board mid-write.
 *
 *   snn-fw-host [--flash FILE] [--pty | --port PATH] [--profile NAME] [--flash-bytes N] [--power-cut-after N]
 */
#define _DEFAULT_SOURCE /* cfmakeraw, MAP_ANONYMOUS */
#define _XOPEN_SOURCE 700 /* posix_openpt, ptsname */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "snn_fw.h"
#include "snn_port.h"

#define SECTOR 4096u

static uint8_t *flash;
static uint32_t flash_bytes = 4u << 20;
static long power_cut_after = -1;
static long flash_writes;
static int in_fd = 0;
static int out_fd = 1;
static int is_pty_master;
static snn_port_info info = {"mps2-an385", 4u << 20, 4u << 20};

const snn_port_info *snn_port_info_get(void)
{
    return &info;
}

uint32_t snn_port_flash_size(void)
{
    return flash_bytes;
}

uint32_t snn_port_flash_sector(void)
{
    return SECTOR;
}

const uint8_t *snn_port_flash_map(void)
{
    return flash;
}

/* Counts a flash write; on the one chosen for a power cut, lands half of it and stops the process. */
static void write_hook(uint32_t addr, const uint8_t *src, uint32_t len, int erase)
{
    if (power_cut_after < 0 || ++flash_writes < power_cut_after) {
        return;
    }
    for (uint32_t i = 0; i < len / 2; i++) {
        flash[addr + i] = erase ? 0xFF : (uint8_t)(flash[addr + i] & src[i]);
    }
    msync(flash, flash_bytes, MS_SYNC);
    fprintf(stderr, "snn-fw-host: power cut during flash %s at %u (write %ld)\n", erase ? "erase" : "program",
            addr, flash_writes);
    _exit(3);
}

int snn_port_flash_erase(uint32_t addr)
{
    if (addr % SECTOR != 0 || addr > flash_bytes - SECTOR) {
        return -1;
    }
    write_hook(addr, NULL, SECTOR, 1);
    memset(flash + addr, 0xFF, SECTOR);
    return 0;
}

int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len)
{
    if (addr > flash_bytes || len > flash_bytes - addr) {
        return -1;
    }
    write_hook(addr, src, len, 0);
    for (uint32_t i = 0; i < len; i++) {
        flash[addr + i] &= src[i];
    }
    return 0;
}

int32_t snn_port_serial_read(uint8_t *buf, uint32_t max)
{
    for (;;) {
        ssize_t n = read(in_fd, buf, max);
        if (n > 0) {
            return (int32_t)n;
        }
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (is_pty_master && (n == 0 || errno == EIO)) {
            /* nobody has the pty's other end open (between connections): wait for the next one */
            struct timespec ts = {0, 20 * 1000 * 1000};
            nanosleep(&ts, NULL);
            continue;
        }
        return -1;
    }
}

void snn_port_serial_write(const uint8_t *buf, uint32_t len)
{
    while (len > 0) {
        ssize_t n = write(out_fd, buf, len);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            return; /* the line is gone; the next read reports it */
        }
        buf += n;
        len -= (uint32_t)n;
    }
}

void snn_port_reboot(void)
{
    /* a process cannot reboot: the core restarts itself from flash */
}

static void raw_mode(int fd)
{
    struct termios t;
    if (tcgetattr(fd, &t) == 0) {
        cfmakeraw(&t);
        tcsetattr(fd, TCSANOW, &t);
    }
}

static int open_flash(const char *path)
{
    if (path == NULL) {
        flash = mmap(NULL, flash_bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (flash == MAP_FAILED) {
            return -1;
        }
        memset(flash, 0xFF, flash_bytes);
        return 0;
    }
    int fd = open(path, O_RDWR | O_CREAT, 0644);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(path);
        return -1;
    }
    off_t had = st.st_size;
    if (had < (off_t)flash_bytes) {
        static uint8_t ff[SECTOR];
        memset(ff, 0xFF, sizeof ff);
        lseek(fd, had, SEEK_SET);
        for (off_t at = had; at < (off_t)flash_bytes; at += SECTOR) {
            size_t n = (size_t)((off_t)flash_bytes - at < (off_t)SECTOR ? (off_t)flash_bytes - at : (off_t)SECTOR);
            if (write(fd, ff, n) != (ssize_t)n) {
                perror(path);
                return -1;
            }
        }
    }
    flash = mmap(NULL, flash_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return flash == MAP_FAILED ? -1 : 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: snn-fw-host [--flash FILE] [--pty | --port PATH] [--profile NAME] [--flash-bytes N]"
                    " [--power-cut-after N]\n");
    return 2;
}

int main(int argc, char **argv)
{
    const char *flash_path = NULL;
    const char *port = NULL;
    int pty = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--pty") == 0) {
            pty = 1;
        } else if (v == NULL) {
            return usage();
        } else if (strcmp(a, "--flash") == 0) {
            flash_path = v, i++;
        } else if (strcmp(a, "--port") == 0) {
            port = v, i++;
        } else if (strcmp(a, "--profile") == 0) {
            info.profile = v, i++;
        } else if (strcmp(a, "--flash-bytes") == 0) {
            flash_bytes = (uint32_t)strtoul(v, NULL, 0), i++;
            info.flash_bytes = flash_bytes;
        } else if (strcmp(a, "--power-cut-after") == 0) {
            power_cut_after = strtol(v, NULL, 0), i++;
        } else {
            return usage();
        }
    }
    if (flash_bytes < 64u << 10 || flash_bytes % SECTOR != 0 || open_flash(flash_path) != 0) {
        fprintf(stderr, "snn-fw-host: cannot set up %u bytes of flash\n", flash_bytes);
        return 2;
    }
    if (pty) {
        int m = posix_openpt(O_RDWR | O_NOCTTY);
        if (m < 0 || grantpt(m) != 0 || unlockpt(m) != 0) {
            perror("posix_openpt");
            return 1;
        }
        raw_mode(m);
        in_fd = out_fd = m;
        is_pty_master = 1;
        printf("pty: %s\n", ptsname(m));
        fflush(stdout);
    } else if (port != NULL) {
        int fd = open(port, O_RDWR | O_NOCTTY);
        if (fd < 0) {
            perror(port);
            return 1;
        }
        raw_mode(fd);
        in_fd = out_fd = fd;
    }
    int rc = snn_fw_run();
    if (rc != 0) {
        fprintf(stderr, "snn-fw-host: flash of %u bytes cannot hold two model slots\n", flash_bytes);
        return 1;
    }
    return 0;
}
