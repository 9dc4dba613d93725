/*
 * Host unit tests of the core's building blocks, run under AddressSanitizer and UBSan (make test):
 * SHA-256 and CRC-32 against published check values, COBS and framing round trips over random
 * payloads with corruption, and the journal store on a RAM flash with torn writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "snn_arith.h"
#include "snn_frame.h"
#include "snn_port.h"
#include "snn_sha256.h"
#include "snn_store.h"
#include "expect.h"

/* ---- a RAM flash for the store, with a write budget that tears the write that exceeds it ---- */
#define FLASH_BYTES (256u << 10)
static uint8_t flash[FLASH_BYTES];
static long writes_left = -1; /* -1: unlimited */
static int torn;
static const snn_port_info info = {"test", FLASH_BYTES, 1u << 16};

const snn_port_info *snn_port_info_get(void) { return &info; }
uint32_t snn_port_flash_size(void) { return FLASH_BYTES; }
uint32_t snn_port_flash_sector(void) { return 4096; }
const uint8_t *snn_port_flash_map(void) { return flash; }

static int budget(void)
{
    if (writes_left < 0) {
        return 1;
    }
    if (writes_left == 0) {
        torn = 1;
        return 0;
    }
    writes_left--;
    return 1;
}

int snn_port_flash_erase(uint32_t addr)
{
    if (!budget()) {
        memset(flash + addr, 0xFF, 100); /* a torn erase leaves part of the sector */
        return -1;
    }
    memset(flash + addr, 0xFF, 4096);
    return 0;
}

int snn_port_flash_program(uint32_t addr, const uint8_t *src, uint32_t len)
{
    uint32_t n = budget() ? len : len / 2;
    for (uint32_t i = 0; i < n; i++) {
        flash[addr + i] &= src[i];
    }
    return n == len ? 0 : -1;
}

static void hex(const uint8_t *d, uint32_t n, char *out)
{
    for (uint32_t i = 0; i < n; i++) {
        sprintf(out + 2 * i, "%02x", d[i]);
    }
}

static void test_sha256(void)
{
    uint8_t d[32];
    char h[65];
    snn_sha256((const uint8_t *)"abc", 3, d);
    hex(d, 32, h);
    EXPECT(strcmp(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0, "sha256(abc)");
    snn_sha256((const uint8_t *)"", 0, d);
    hex(d, 32, h);
    EXPECT(strcmp(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0, "sha256()");
    const char *two = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    snn_sha256((const uint8_t *)two, (uint32_t)strlen(two), d);
    hex(d, 32, h);
    EXPECT(strcmp(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0, "sha256(448 bits)");
    /* a million 'a', fed in uneven pieces */
    static uint8_t a[1000];
    memset(a, 'a', sizeof a);
    snn_sha256_ctx c;
    snn_sha256_init(&c);
    for (uint32_t done = 0, k = 1; done < 1000000; k = k % 997 + 1) {
        uint32_t n = 1000000 - done < k ? 1000000 - done : k;
        snn_sha256_update(&c, a, n);
        done += n;
    }
    snn_sha256_final(&c, d);
    hex(d, 32, h);
    EXPECT(strcmp(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0, "sha256(a*1e6)");
}

static void test_crc_and_frames(void)
{
    EXPECT(snn_crc32((const uint8_t *)"123456789", 9) == 0xCBF43926u, "crc32 check value");
    static uint8_t payload[SNN_RX_PAYLOAD_MAX];
    static uint8_t wire[SNN_COBS_MAX(SNN_RX_PAYLOAD_MAX + 4) + 2];
    static snn_frame_rx rx;
    snn_frame_rx_init(&rx);
    srand(7);
    for (int round = 0; round < 300; round++) {
        uint32_t len = 1 + (uint32_t)rand() % SNN_RX_PAYLOAD_MAX;
        for (uint32_t i = 0; i < len; i++) {
            payload[i] = (uint8_t)(rand() % 3 == 0 ? 0 : rand());
        }
        uint32_t n = snn_frame_encode(payload, len, wire);
        EXPECT(n <= sizeof wire, "frame fits its bound");
        int corrupt = round % 5 == 4;
        if (corrupt) {
            uint32_t at = 1 + (uint32_t)rand() % (n - 2);
            wire[at] = (uint8_t)(wire[at] == 1 ? 2 : 1); /* stays non-zero: a CRC or COBS error */
        }
        int32_t got = 0;
        for (uint32_t i = 0; i < n; i++) {
            int32_t r = snn_frame_rx_byte(&rx, wire[i]);
            if (r > 0) {
                got = r;
            }
        }
        if (corrupt) {
            EXPECT(got == 0, "a corrupted frame is dropped");
        } else {
            EXPECT(got == (int32_t)len && memcmp(rx.block, payload, len) == 0, "frame round trip");
        }
    }
    /* an oversize block is skipped and the decoder resynchronises at the next delimiter */
    for (uint32_t i = 0; i < SNN_RX_BLOCK_MAX + 10; i++) {
        EXPECT(snn_frame_rx_byte(&rx, 0x55) == 0, "oversize block yields nothing");
    }
    EXPECT(snn_frame_rx_byte(&rx, 0) == 0, "oversize block dropped");
    uint32_t n = snn_frame_encode((const uint8_t *)"x", 1, wire);
    int32_t got = 0;
    for (uint32_t i = 0; i < n; i++) {
        int32_t r = snn_frame_rx_byte(&rx, wire[i]);
        got = r > 0 ? r : got;
    }
    EXPECT(got == 1 && rx.block[0] == 'x', "resynchronised after an oversize block");
}

static snn_jstate state_with(uint32_t k)
{
    snn_jstate s;
    memset(&s, 0, sizeof s);
    s.active_slot = (uint8_t)(k % 2);
    s.upload_slot = SNN_NO_SLOT;
    s.active_size = k;
    s.active_sha[0] = (uint8_t)k;
    return s;
}

static void test_store(void)
{
    memset(flash, 0xFF, sizeof flash);
    snn_store s;
    EXPECT(snn_store_mount(&s) == 0, "mount erased flash");
    EXPECT(s.state.active_slot == SNN_NO_SLOT && s.state.upload_slot == SNN_NO_SLOT, "erased flash: no model");
    EXPECT(s.slot0 == SNN_FIRMWARE_RESERVE + 8192 && s.slot_bytes == (FLASH_BYTES - s.slot0) / 2 / 4096 * 4096,
           "layout as FlashLayout.forFlash");
    /* 100 records: more than one sector (42 per sector), so the journal switches sectors twice */
    for (uint32_t k = 1; k <= 100; k++) {
        snn_jstate st = state_with(k);
        EXPECT(snn_store_append(&s, &st) == 0, "append");
        snn_store again;
        snn_store_mount(&again);
        EXPECT(again.state.active_size == k && again.seq == k, "remount sees the newest record");
    }
    /* a torn record leaves the previous state; the next append goes after it */
    for (long budget_left = 0; budget_left < 2; budget_left++) {
        snn_store_mount(&s);
        uint32_t before = s.state.active_size;
        writes_left = budget_left;
        torn = 0;
        snn_jstate st = state_with(before + 1);
        int rc = snn_store_append(&s, &st);
        writes_left = -1;
        snn_store after;
        snn_store_mount(&after);
        if (torn) {
            EXPECT(rc != 0 && after.state.active_size == before, "torn record: previous state holds");
        } else {
            EXPECT(rc == 0 && after.state.active_size == before + 1, "complete record: new state");
        }
        st = state_with(after.state.active_size + 1);
        EXPECT(snn_store_append(&after, &st) == 0, "append after a torn record");
        snn_store_mount(&s);
        EXPECT(s.state.active_size == st.active_size, "state after a torn record and a good one");
    }
}

/* A record with a good CRC but values no append writes is skipped like a torn one (issue 16 item 9). */
static void test_store_impossible_records(void)
{
    memset(flash, 0xFF, sizeof flash);
    snn_store s;
    snn_store_mount(&s);
    snn_jstate good = state_with(7);
    good.upload_slot = 0;
    good.upload_size = 200;
    good.upload_offset = 100;
    EXPECT(snn_store_append(&s, &good) == 0, "append a good state");
    for (int k = 0; k < 5; k++) {
        snn_jstate bad = good;
        switch (k) {
        case 0: bad.upload_offset = 0xFFFFFFFFu; break;      /* offset past the size */
        case 1: bad.upload_size = s.slot_bytes + 1; break;   /* upload over a slot */
        case 2: bad.active_size = s.slot_bytes + 1; break;   /* active model over a slot */
        case 3: bad.active_size = 0; break;                  /* empty active model */
        default: bad.upload_slot = bad.active_slot; break;   /* upload into the active slot */
        }
        EXPECT(snn_store_append(&s, &bad) == 0, "append an impossible state");
        snn_store after;
        snn_store_mount(&after);
        EXPECT(after.state.upload_offset == 100 && after.state.upload_size == 200 && after.state.active_size == 7
               && after.state.upload_slot == 0, "an impossible record is skipped: the good state holds");
    }
}

static void test_arith(void)
{
    EXPECT(snn_mul_q16_round(-1, 32768) == 0 && snn_mul_q16_round(1, 32768) == 1, "round half up");
    EXPECT(snn_leak(1, 32768) == 0 && snn_leak(-1, 32768) == -1 && snn_leak(5, 6000) == 5, "leak examples of the spec");
    EXPECT(snn_leak(INT32_MIN, 65536) == 0 && snn_leak(INT32_MAX, 0) == INT32_MAX, "leak extremes");
    EXPECT(snn_clamp((int64_t)INT32_MAX + 5, -7) == INT32_MAX && snn_clamp(-100, -7) == -7, "clamp");
    EXPECT(snn_rng_seed(0) == snn_fmix32(0x5EED5EEDu), "seed");
}

int main(void)
{
    test_sha256();
    test_crc_and_frames();
    test_store();
    test_store_impossible_records();
    test_arith();
    if (failures != 0) {
        fprintf(stderr, "test_core: %d failures\n", failures);
        return 1;
    }
    printf("test_core: all passed\n");
    return 0;
}
