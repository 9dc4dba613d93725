#include "snn_board.h"
#include <pb_decode.h>
#include <pb_encode.h>
#include "snn_arith.h"
#include "snn_config.h"
#include "snn_fmt.h"
#include "snn_image.h"
#include "snn_port.h"
#include "snn_sha256.h"
#include "snn_sign.h"
#include "snn_snz.h"
#include "snn_store.h"
#include "wire.pb.h"

#define PROTOCOL_VERSION 1
/* Why a build without Ed25519 (SNN_SIGNATURES=0) refuses Trust requests, and commits once provisioned. */
#define NO_SIGNATURES "this build cannot verify signatures (docs/porting.md)"

/* A bytes field left where it lies in the received payload (nanopb callback, no copy). */
typedef struct {
    const uint8_t *data;
    uint32_t len;
} span;

static struct {
    snn_store store;
    uint32_t upload_next;       /* bytes of the upload programmed so far (>= the journalled offset) */
    int session;                /* a BeginUpload since boot set the upload's encoding */
    snn_wire_StreamEncoding encoding;
    uint32_t stream_size;
    uint32_t stream_next;       /* next stream offset expected, when stream_known */
    int stream_known;           /* 0: waiting for the chunk that starts the decoder's block */
    int decoding;               /* the SNZ1 decoder holds the upload's state (0 once every byte is programmed) */
    int have_model;
    snn_model model;            /* the active model, pointing into its flash slot */
    snn_wire_ErrorCode last_error;
    char last_detail[sizeof(((snn_wire_Status *)0)->last_detail)];
} b;

/* Keys of a Trust request, left in place in the received payload (nanopb callbacks). */
typedef struct {
    span keys[SNN_TRUST_MAX];
    uint32_t count;            /* keys seen, may exceed SNN_TRUST_MAX (then refused) */
    span signature;
} trust_spans;

static snn_lif_state lif;
#if SNN_STREAM_DECODER
static snn_snz snz;
#define SNZ_OFFERED (1u << snn_wire_StreamEncoding_SNZ1)
#define SNZ_RAM ((uint32_t)sizeof snz)
#else
#define SNZ_OFFERED 0u
#define SNZ_RAM 0u
#endif
static snn_wire_Request request;
static snn_wire_Response response;

static int same(const uint8_t *x, const uint8_t *y, uint32_t n)
{
    uint8_t d = 0;
    for (uint32_t i = 0; i < n; i++) {
        d |= (uint8_t)(x[i] ^ y[i]);
    }
    return d == 0;
}

static void copy(uint8_t *dst, const uint8_t *src, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        dst[i] = src[i];
    }
}

static const uint8_t *slot_bytes(uint32_t slot)
{
    return snn_port_flash_map() + snn_store_slot_addr(&b.store, slot);
}

int snn_board_boot(void)
{
    b.have_model = 0;
    b.last_error = snn_wire_ErrorCode_OK;
    b.last_detail[0] = 0;
    if (snn_store_mount(&b.store) != 0) {
        return -1;
    }
    const snn_jstate *s = &b.store.state;
    b.upload_next = s->upload_slot != SNN_NO_SLOT ? s->upload_offset : 0;
    b.session = 0;
    b.decoding = 0;
    if (s->active_slot != SNN_NO_SLOT) {
        uint8_t sha[32];
        snn_image_error e;
        const uint8_t *img = slot_bytes(s->active_slot);
        snn_sha256(img, s->active_size, sha);
        if (!same(sha, s->active_sha, 32)) {
            b.last_error = snn_wire_ErrorCode_SHA_MISMATCH;
            snn_fmt f;
            snn_fmt_init(&f, b.last_detail, sizeof b.last_detail);
            snn_fmt_str(&f, "active model in slot ");
            snn_fmt_u32(&f, s->active_slot);
            snn_fmt_str(&f, " does not match its recorded SHA-256");
        } else if (snn_image_parse(img, s->active_size, 0, &b.model, &e) == 0 && snn_image_fits(&b.model, &e) == 0) {
            b.have_model = 1;
        } else {
            b.last_error = snn_wire_ErrorCode_BAD_IMAGE;
            snn_fmt f;
            snn_fmt_init(&f, b.last_detail, sizeof b.last_detail);
            char field[48];
            snn_image_field(&e, field, sizeof field);
            snn_fmt_str(&f, "active model does not parse: ");
            snn_fmt_str(&f, field);
        }
    }
    return 0;
}

static snn_fmt detail(void)
{
    snn_fmt f;
    snn_fmt_init(&f, response.detail, sizeof response.detail);
    return f;
}

static void set_error(snn_wire_ErrorCode code)
{
    response.error = code;
}

static void fill_pending(snn_wire_PendingUpload *p)
{
    const snn_jstate *s = &b.store.state;
    p->sha256.size = 32;
    copy(p->sha256.bytes, s->upload_sha, 32);
    p->size = s->upload_size;
    p->next_offset = b.upload_next;
    p->slot = s->upload_slot;
}

#if SNN_SIGNATURES
/* Encodes the trust store's key ids as repeated bytes (DeviceInfo 13, Status 7). A build without
 * signatures cannot be provisioned and reports none. */
static bool encode_key_ids(pb_ostream_t *stream, const pb_field_t *field, void *const *arg)
{
    (void)arg;
    for (uint32_t i = 0; i < snn_store_trust_count(&b.store); i++) {
        uint8_t id[8];
        snn_sign_key_id(snn_store_trust_key(&b.store, i), id);
        if (!pb_encode_tag_for_field(stream, field) || !pb_encode_string(stream, id, sizeof id)) {
            return false;
        }
    }
    return true;
}
#endif

static void fill_status(void)
{
    const snn_jstate *s = &b.store.state;
    snn_wire_Status *st = &response.status;
    response.has_status = true;
    if (b.have_model) {
        st->model_sha256.size = 32;
        copy(st->model_sha256.bytes, s->active_sha, 32);
        st->model_size = s->active_size;
        st->active_slot = s->active_slot;
        if (b.model.signature != 0) {
            st->active_key_id.size = 8;
            copy(st->active_key_id.bytes, b.model.signature + 4, 8);
        }
    }
#if SNN_SIGNATURES
    st->trusted_key_ids.funcs.encode = encode_key_ids;
#endif
    st->trust_generation = snn_store_trust_generation(&b.store);
    if (s->upload_slot != SNN_NO_SLOT) {
        st->has_pending = true;
        fill_pending(&st->pending);
    }
    st->last_error = b.last_error;
    copy((uint8_t *)st->last_detail, (const uint8_t *)b.last_detail, sizeof st->last_detail);
}

static void copy_str(char *dst, uint32_t cap, const char *src)
{
    uint32_t i = 0;
    for (; src[i] != 0 && i + 1 < cap; i++) {
        dst[i] = src[i];
    }
    dst[i] = 0;
}

static void hello(void)
{
    const snn_jstate *s = &b.store.state;
    const snn_port_info *p = snn_port_info_get();
    snn_wire_DeviceInfo *d = &response.info;
    response.has_info = true;
    d->protocol_version = PROTOCOL_VERSION;
    copy_str(d->firmware_version, sizeof d->firmware_version, SNN_FIRMWARE_VERSION);
    copy_str(d->profile, sizeof d->profile, p->profile);
    d->flash_bytes = p->flash_bytes;
    d->ram_bytes = p->ram_bytes;
    d->slot_bytes = b.store.slot_bytes;
    d->max_chunk = SNN_MAX_CHUNK;
    d->inference = true;
    d->can_verify = snn_sign_available() != 0;
#if SNN_SIGNATURES
    d->trusted_key_ids.funcs.encode = encode_key_ids;
#endif
    d->encodings = 1u | SNZ_OFFERED;
    d->decoder_ram_bytes = SNZ_RAM;
    d->max_request_payload = SNN_RX_PAYLOAD_MAX;
    if (b.have_model) {
        d->model_sha256.size = 32;
        copy(d->model_sha256.bytes, s->active_sha, 32);
        d->model_size = s->active_size;
        d->active_slot = s->active_slot;
        d->active_security_version = b.model.security_version;
    }
    if (s->upload_slot != SNN_NO_SLOT) {
        d->has_pending = true;
        fill_pending(&d->pending);
    }
}

static void flash_failed(const char *what)
{
    set_error(snn_wire_ErrorCode_FLASH_ERROR);
    snn_fmt f = detail();
    snn_fmt_str(&f, "flash ");
    snn_fmt_str(&f, what);
    snn_fmt_str(&f, " failed");
}

/* Sets the encoding of the chunks that follow and answers the begin. A compressed stream restarts
 * at the block that holds upload_next; unless that is block 0 of a new upload the device does not
 * know where the block starts in the stream, so the ack asks for it (stream_sync). */
static void start_session(const snn_wire_BeginUpload *q)
{
    b.session = 1;
    b.encoding = q->encoding;
    b.stream_size = q->stream_size;
    b.decoding = 0;
    if (q->encoding == snn_wire_StreamEncoding_RAW) {
        response.ack.next_offset = b.upload_next;
        response.ack.image_offset = b.upload_next;
        return;
    }
#if SNN_STREAM_DECODER
    if (b.upload_next == q->size) { /* every byte is programmed: nothing more to send */
        b.stream_next = q->stream_size;
        b.stream_known = 1;
        response.ack.next_offset = q->stream_size;
        response.ack.image_offset = q->size;
        return;
    }
    uint32_t block = b.upload_next / SNN_SNZ_BLOCK * SNN_SNZ_BLOCK;
    snn_snz_start(&snz, q->size, block);
    b.decoding = 1;
    if (b.upload_next == 0) {
        b.stream_next = 0; /* a new stream starts with block 0 */
        b.stream_known = 1;
        response.ack.next_offset = 0;
        response.ack.image_offset = 0;
        return;
    }
    b.stream_known = 0;
    response.ack.image_offset = block;
    response.ack.stream_sync = true;
#endif
}

static void begin(void)
{
    const snn_wire_BeginUpload *q = &request.begin;
    snn_jstate s = b.store.state;
    snn_fmt f = detail();
    if (q->sha256.size != 32 || q->size == 0) {
        set_error(snn_wire_ErrorCode_BAD_REQUEST);
        snn_fmt_str(&f, "begin needs a 32-byte SHA-256 and a size > 0, got ");
        snn_fmt_u32(&f, q->sha256.size);
        snn_fmt_str(&f, " bytes and ");
        snn_fmt_u32(&f, q->size);
        return;
    }
    if (q->size > b.store.slot_bytes) {
        set_error(snn_wire_ErrorCode_TOO_LARGE);
        snn_fmt_str(&f, "image of ");
        snn_fmt_u32(&f, q->size);
        snn_fmt_str(&f, " bytes does not fit a model slot of ");
        snn_fmt_u32(&f, b.store.slot_bytes);
        snn_fmt_str(&f, " bytes on ");
        snn_fmt_str(&f, snn_port_info_get()->profile);
        return;
    }
    uint32_t blocks = (q->size + SNN_SNZ_BLOCK - 1u) / SNN_SNZ_BLOCK;
    if (q->encoding != snn_wire_StreamEncoding_RAW && !(q->encoding == snn_wire_StreamEncoding_SNZ1 && SNZ_OFFERED)) {
        set_error(snn_wire_ErrorCode_UNSUPPORTED);
        snn_fmt_str(&f, "stream encoding ");
        snn_fmt_u32(&f, (uint32_t)q->encoding);
        snn_fmt_str(&f, " is not offered (encodings ");
        snn_fmt_u32(&f, 1u | SNZ_OFFERED);
        snn_fmt_str(&f, ")");
        return;
    }
    if (q->encoding == snn_wire_StreamEncoding_SNZ1
        && (q->stream_size == 0 || (uint64_t)q->stream_size > (uint64_t)q->size + SNN_SNZ_HEADER * (uint64_t)blocks)) {
        set_error(snn_wire_ErrorCode_BAD_REQUEST);
        snn_fmt_str(&f, "SNZ1 stream_size ");
        snn_fmt_u32(&f, q->stream_size);
        snn_fmt_str(&f, " outside 1..");
        snn_fmt_u32(&f, q->size + SNN_SNZ_HEADER * blocks);
        snn_fmt_str(&f, " for a ");
        snn_fmt_u32(&f, q->size);
        snn_fmt_str(&f, "-byte image");
        return;
    }
    response.has_ack = true;
    if (b.have_model && same(q->sha256.bytes, s.active_sha, 32) && q->size == s.active_size) {
        response.ack.next_offset = q->encoding == snn_wire_StreamEncoding_RAW ? q->size : q->stream_size;
        response.ack.image_offset = q->size;
        response.ack.already_active = true;
        return;
    }
    if (s.upload_slot != SNN_NO_SLOT && same(q->sha256.bytes, s.upload_sha, 32) && q->size == s.upload_size) {
        start_session(q); /* resume */
        return;
    }
    uint32_t slot = s.active_slot != SNN_NO_SLOT ? 1u - s.active_slot : 0u;
    if (s.upload_slot != SNN_NO_SLOT) {
        s.upload_slot = SNN_NO_SLOT;
        s.upload_size = 0;
        s.upload_offset = 0;
        for (uint32_t i = 0; i < 32; i++) {
            s.upload_sha[i] = 0;
        }
        if (snn_store_append(&b.store, &s) != 0) {
            response.has_ack = false;
            flash_failed("journal write");
            return;
        }
    }
    uint32_t base = snn_store_slot_addr(&b.store, slot);
    for (uint32_t off = 0; off < q->size; off += b.store.sector) {
        if (snn_port_flash_erase(base + off) != 0) {
            response.has_ack = false;
            flash_failed("erase");
            return;
        }
    }
    s.upload_slot = (uint8_t)slot;
    s.upload_size = q->size;
    s.upload_offset = 0;
    copy(s.upload_sha, q->sha256.bytes, 32);
    if (snn_store_append(&b.store, &s) != 0) {
        response.has_ack = false;
        flash_failed("journal write");
        return;
    }
    b.upload_next = 0;
    start_session(q);
}

/* Programs image bytes [at, at+len) from data, skipping what is programmed already, and journals the
 * progress every SNN_PROGRESS_STEP bytes (and at the end). 0, or -1 with the error set. Also the
 * SNZ1 decoder's sink. */
static int store(void *ctx, uint32_t at, const uint8_t *data, uint32_t len)
{
    (void)ctx;
    const snn_jstate *s = &b.store.state;
    uint32_t end = at + len;
    if (end <= b.upload_next) {
        return 0; /* re-decoded bytes of a block that was partly programmed before a resume */
    }
    uint32_t skip = b.upload_next - at; /* at <= upload_next: decoded bytes come in order */
    if (snn_port_flash_program(snn_store_slot_addr(&b.store, s->upload_slot) + b.upload_next, data + skip, len - skip) != 0) {
        flash_failed("program");
        return -1;
    }
    uint32_t before = b.upload_next;
    b.upload_next = end;
    if (end == s->upload_size || end / SNN_PROGRESS_STEP != before / SNN_PROGRESS_STEP) {
        snn_jstate next = *s;
        next.upload_offset = end == s->upload_size ? end : end / SNN_PROGRESS_STEP * SNN_PROGRESS_STEP;
        if (snn_store_append(&b.store, &next) != 0) {
            flash_failed("journal write");
            return -1;
        }
    }
    return 0;
}

#if SNN_STREAM_DECODER
/* Drops the upload after a stream that does not decode: the slot's bytes are useless. */
static void stream_refused(void)
{
    snn_jstate next = b.store.state;
    next.upload_slot = SNN_NO_SLOT;
    next.upload_size = 0;
    next.upload_offset = 0;
    for (uint32_t i = 0; i < 32; i++) {
        next.upload_sha[i] = 0;
    }
    int rc = snn_store_append(&b.store, &next);
    b.upload_next = 0;
    b.session = 0;
    b.decoding = 0;
    b.last_error = snn_wire_ErrorCode_BAD_STREAM;
    snn_fmt g;
    snn_fmt_init(&g, b.last_detail, sizeof b.last_detail);
    snn_fmt_str(&g, "SNZ1 block at image offset ");
    snn_fmt_u32(&g, snz.block_at);
    snn_fmt_str(&g, ": ");
    snn_fmt_str(&g, snz.why);
    snn_fmt_str(&g, " ");
    snn_fmt_u32(&g, snz.why_value);
    snn_fmt_str(&g, "; upload abandoned, kept the previous model");
    set_error(rc != 0 ? snn_wire_ErrorCode_FLASH_ERROR : snn_wire_ErrorCode_BAD_STREAM);
    copy_str(response.detail, sizeof response.detail, b.last_detail);
    response.ack.image_offset = 0;
}

/* A chunk of a compressed stream: offsets are stream offsets; decoded bytes are programmed as they come. */
static void stream_chunk(const span *data)
{
    uint32_t offset = request.chunk.offset;
    snn_fmt f = detail();
    response.ack.next_offset = b.stream_known ? b.stream_next : 0;
    response.ack.image_offset = b.upload_next;
    if (data->len == 0 || data->len > SNN_MAX_CHUNK || (uint64_t)offset + data->len > b.stream_size) {
        set_error(snn_wire_ErrorCode_BAD_REQUEST);
        response.ack.stream_sync = !b.stream_known;
        snn_fmt_str(&f, "chunk at stream offset ");
        snn_fmt_u32(&f, offset);
        snn_fmt_str(&f, " of ");
        snn_fmt_u32(&f, data->len);
        snn_fmt_str(&f, " bytes outside the ");
        snn_fmt_u32(&f, b.stream_size);
        snn_fmt_str(&f, "-byte stream or over the ");
        snn_fmt_u32(&f, SNN_MAX_CHUNK);
        snn_fmt_str(&f, "-byte chunk limit");
        return;
    }
    if (!b.decoding) { /* every byte is programmed already */
        return;
    }
    if (!b.stream_known) {
        if (request.chunk.block_start && request.chunk.image_offset == snz.block_at && snn_snz_at_block_start(&snz)) {
            b.stream_next = offset; /* resynchronized at a block start */
            b.stream_known = 1;
        } else {
            set_error(snn_wire_ErrorCode_BAD_OFFSET);
            response.ack.image_offset = snz.block_at;
            response.ack.stream_sync = true;
            snn_fmt_str(&f, "chunk at stream offset ");
            snn_fmt_u32(&f, offset);
            snn_fmt_str(&f, ", expected the start of the block at image offset ");
            snn_fmt_u32(&f, snz.block_at);
            return;
        }
    }
    if (offset > b.stream_next) {
        set_error(snn_wire_ErrorCode_BAD_OFFSET);
        response.ack.next_offset = b.stream_next;
        snn_fmt_str(&f, "chunk at stream offset ");
        snn_fmt_u32(&f, offset);
        snn_fmt_str(&f, ", expected ");
        snn_fmt_u32(&f, b.stream_next);
        return;
    }
    uint32_t end = offset + data->len;
    if (end > b.stream_next) {
        uint32_t skip = b.stream_next - offset;
        int rc = snn_snz_feed(&snz, data->data + skip, data->len - skip, store, 0);
        if (rc == SNN_SNZ_SINK) {
            response.has_ack = false;
            return; /* store() set the flash error */
        }
        b.stream_next = end;
        if (rc == SNN_SNZ_OK && end == b.stream_size) {
            rc = snn_snz_finish(&snz); /* the announced stream ends here: it must have decoded the whole image */
        }
        if (rc != SNN_SNZ_OK) {
            stream_refused();
            return;
        }
        if (snn_snz_done(&snz)) {
            b.decoding = 0;
        }
    }
    response.ack.next_offset = b.stream_next;
    response.ack.image_offset = b.upload_next;
}
#endif

static void chunk(const span *data)
{
    const snn_jstate *s = &b.store.state;
    uint32_t offset = request.chunk.offset;
    snn_fmt f = detail();
    if (s->upload_slot == SNN_NO_SLOT) {
        set_error(snn_wire_ErrorCode_NO_UPLOAD);
        snn_fmt_str(&f, "chunk at offset ");
        snn_fmt_u32(&f, offset);
        snn_fmt_str(&f, " without an upload in progress");
        return;
    }
    if (!b.session) {
        set_error(snn_wire_ErrorCode_NO_UPLOAD);
        snn_fmt_str(&f, "chunk at offset ");
        snn_fmt_u32(&f, offset);
        snn_fmt_str(&f, " before BeginUpload: the upload of ");
        snn_fmt_u32(&f, s->upload_size);
        snn_fmt_str(&f, " bytes is pending at image offset ");
        snn_fmt_u32(&f, b.upload_next);
        snn_fmt_str(&f, "; send BeginUpload to resume it");
        return;
    }
    response.has_ack = true;
    response.ack.chunk_offset = offset;
    if (b.encoding != snn_wire_StreamEncoding_RAW) {
#if SNN_STREAM_DECODER
        stream_chunk(data);
#endif
        return;
    }
    response.ack.next_offset = b.upload_next;
    if (data->len == 0 || data->len > SNN_MAX_CHUNK || (uint64_t)offset + data->len > s->upload_size) {
        set_error(snn_wire_ErrorCode_BAD_REQUEST);
        snn_fmt_str(&f, "chunk at offset ");
        snn_fmt_u32(&f, offset);
        snn_fmt_str(&f, " of ");
        snn_fmt_u32(&f, data->len);
        snn_fmt_str(&f, " bytes outside the ");
        snn_fmt_u32(&f, s->upload_size);
        snn_fmt_str(&f, "-byte image or over the ");
        snn_fmt_u32(&f, SNN_MAX_CHUNK);
        snn_fmt_str(&f, "-byte chunk limit");
        return;
    }
    if (offset > b.upload_next) {
        set_error(snn_wire_ErrorCode_BAD_OFFSET);
        snn_fmt_str(&f, "chunk at offset ");
        snn_fmt_u32(&f, offset);
        snn_fmt_str(&f, ", expected ");
        snn_fmt_u32(&f, b.upload_next);
        return;
    }
    if (offset + data->len > b.upload_next && store(0, offset, data->data, data->len) != 0) { /* not a pure duplicate */
        response.has_ack = false;
        return;
    }
    response.ack.next_offset = b.upload_next;
    response.ack.image_offset = b.upload_next;
}

#if SNN_SIGNATURES
static void fmt_key_id(snn_fmt *f, const uint8_t id[8])
{
    snn_fmt_str(f, "key id ");
    snn_fmt_hex(f, id, 8);
}
#endif

/* The commit rule of a provisioned board (docs/device-spec.md section 15.2): signed, by a trusted key
 * (key id, then the Ed25519 signature over signed_digest), security_version not below the active
 * model's (active_version, when had_model). OK or the refusal, with f saying why. */
static snn_wire_ErrorCode trust_rule(const snn_model *m, const uint8_t signed_digest[32], int had_model,
                                     uint32_t active_version, snn_fmt *f)
{
#if !SNN_SIGNATURES
    (void)m;
    (void)signed_digest;
    (void)had_model;
    (void)active_version;
    snn_fmt_str(f, NO_SIGNATURES);
    return snn_wire_ErrorCode_UNTRUSTED;
#else
    if (m->signature == 0) {
        snn_fmt_str(f, "unsigned image: this board is provisioned and commits only signed images");
        return snn_wire_ErrorCode_UNTRUSTED;
    }
    const uint8_t *key_id = m->signature + 4;
    int known = 0;
    for (uint32_t i = 0; i < snn_store_trust_count(&b.store); i++) {
        uint8_t id[8];
        const uint8_t *key = snn_store_trust_key(&b.store, i);
        snn_sign_key_id(key, id);
        if (!same(id, key_id, 8)) {
            continue;
        }
        known = 1;
        if (snn_sign_verify(key, signed_digest, 32, m->signature + 12) == 0) {
            if (had_model && m->security_version < active_version) {
                snn_fmt_str(f, "image security_version ");
                snn_fmt_u32(f, m->security_version);
                snn_fmt_str(f, " is lower than the active model's ");
                snn_fmt_u32(f, active_version);
                return snn_wire_ErrorCode_ROLLBACK;
            }
            return snn_wire_ErrorCode_OK;
        }
    }
    if (known) {
        snn_fmt_str(f, "bad signature: the image's signature does not verify with trusted ");
        fmt_key_id(f, key_id);
    } else {
        snn_fmt_str(f, "image signed by ");
        fmt_key_id(f, key_id);
        snn_fmt_str(f, ", which is not trusted");
    }
    return snn_wire_ErrorCode_UNTRUSTED;
#endif
}

/* Hashes the slot once for all checks: the announced SHA-256 of all bytes, the image's own trailer
 * (the SHA-256 of all bytes but the last 32) and, on the way, the SHA-256 of all bytes but the last
 * 96, which a signature signs. Then parses, applies the trust rule on a provisioned board, checks the
 * limits and runs the self-test. Returns OK or the refusal, with b.last_detail saying why. */
static snn_wire_ErrorCode validate(const uint8_t *img, uint32_t size, const uint8_t *announced, int had_model,
                                   uint32_t active_version)
{
    snn_fmt f;
    snn_fmt_init(&f, b.last_detail, sizeof b.last_detail);
    uint8_t whole[32];
    uint8_t body[32];
    uint8_t signed_digest[32];
    uint32_t head = size >= 32 ? size - 32 : 0;
    uint32_t signed_end = size >= 96 ? size - 96 : 0;
    snn_sha256_ctx c;
    snn_sha256_init(&c);
    snn_sha256_update(&c, img, signed_end);
    snn_sha256_ctx t = c;
    snn_sha256_final(&t, signed_digest);
    snn_sha256_update(&c, img + signed_end, head - signed_end);
    t = c;
    snn_sha256_final(&t, body);
    snn_sha256_update(&c, img + head, size - head);
    snn_sha256_final(&c, whole);
    if (!same(whole, announced, 32)) {
        snn_fmt_str(&f, "slot holds bytes whose SHA-256 is ");
        snn_fmt_hex(&f, whole, 32);
        snn_fmt_str(&f, ", not the announced one");
        return snn_wire_ErrorCode_SHA_MISMATCH;
    }
    snn_image_error e;
    /* the trailer was hashed above: the parser hashes again only when it does not match, so that a
     * bad image names the field of the first failing check in the spec's order (11.3) */
    int trailer_ok = size >= 64 && same(body, img + head, 32);
    int bad = snn_image_parse(img, size, !trailer_ok, &b.model, &e) != 0;
    if (!bad && snn_store_trust_count(&b.store) > 0) {
        snn_wire_ErrorCode refused = trust_rule(&b.model, signed_digest, had_model, active_version, &f);
        if (refused != snn_wire_ErrorCode_OK) {
            return refused;
        }
    }
    if (!bad) {
        bad = snn_image_fits(&b.model, &e) != 0;
    }
    if (bad) {
        char field[48];
        snn_image_field(&e, field, sizeof field);
        snn_fmt_str(&f, "device image field ");
        snn_fmt_str(&f, field);
        snn_fmt_str(&f, " at byte ");
        snn_fmt_u32(&f, e.offset);
        snn_fmt_str(&f, " is ");
        snn_fmt_i64(&f, e.value);
        snn_fmt_str(&f, ", expected ");
        snn_fmt_str(&f, e.expected);
        return snn_wire_ErrorCode_BAD_IMAGE;
    }
    if (snn_image_selftest(&b.model, &lif, b.last_detail, sizeof b.last_detail) != 0) {
        return snn_wire_ErrorCode_SELF_TEST_FAILED;
    }
    return snn_wire_ErrorCode_OK;
}

static void commit(void)
{
    snn_jstate s = b.store.state;
    const snn_wire_Commit *q = &request.commit;
    snn_fmt f = detail();
    if (s.upload_slot == SNN_NO_SLOT) {
        if (!(b.have_model && q->sha256.size == 32 && same(q->sha256.bytes, s.active_sha, 32))) {
            set_error(snn_wire_ErrorCode_NO_UPLOAD);
            snn_fmt_str(&f, "commit without an upload in progress");
        }
        fill_status(); /* already committed: commit is idempotent */
        return;
    }
    if (q->sha256.size != 32 || !same(q->sha256.bytes, s.upload_sha, 32)) {
        set_error(snn_wire_ErrorCode_BAD_REQUEST);
        snn_fmt_str(&f, "commit names ");
        snn_fmt_hex(&f, q->sha256.bytes, q->sha256.size);
        snn_fmt_str(&f, " but the upload in progress is ");
        snn_fmt_hex(&f, s.upload_sha, 32);
        return;
    }
    if (b.upload_next < s.upload_size) {
        set_error(snn_wire_ErrorCode_INCOMPLETE);
        snn_fmt_str(&f, "commit with ");
        snn_fmt_u32(&f, b.upload_next);
        snn_fmt_str(&f, " of ");
        snn_fmt_u32(&f, s.upload_size);
        snn_fmt_str(&f, " bytes received");
        fill_status();
        return;
    }
    int had_model = b.have_model;
    uint32_t active_version = had_model ? b.model.security_version : 0;
    b.have_model = 0; /* validate() parses into b.model */
    snn_wire_ErrorCode verdict = validate(slot_bytes(s.upload_slot), s.upload_size, s.upload_sha, had_model,
                                          active_version);
    snn_jstate next = s;
    next.upload_slot = SNN_NO_SLOT;
    next.upload_size = 0;
    next.upload_offset = 0;
    for (uint32_t i = 0; i < 32; i++) {
        next.upload_sha[i] = 0;
    }
    if (verdict != snn_wire_ErrorCode_OK) {
        /* the slot's bytes are useless; a new begin starts over; the active model stays */
        int rc = snn_store_append(&b.store, &next);
        b.upload_next = 0;
        b.session = 0;
        b.last_error = verdict;
        snn_fmt g;
        snn_fmt_append(&g, b.last_detail, sizeof b.last_detail);
        snn_fmt_str(&g, "; kept the previous model");
        if (had_model) {
            snn_image_error e;
            b.have_model = snn_image_parse(slot_bytes(s.active_slot), s.active_size, 0, &b.model, &e) == 0;
        }
        set_error(rc != 0 ? snn_wire_ErrorCode_FLASH_ERROR : verdict);
        copy_str(response.detail, sizeof response.detail, b.last_detail);
        fill_status();
        return;
    }
    next.active_slot = s.upload_slot;
    next.active_size = s.upload_size;
    copy(next.active_sha, s.upload_sha, 32);
    if (snn_store_append(&b.store, &next) != 0) { /* the swap: one record */
        snn_image_error e;
        b.have_model = had_model && snn_image_parse(slot_bytes(s.active_slot), s.active_size, 0, &b.model, &e) == 0;
        flash_failed("journal write");
        return;
    }
    b.upload_next = 0;
    b.session = 0;
    b.decoding = 0;
    b.have_model = 1;
    b.last_error = snn_wire_ErrorCode_OK;
    b.last_detail[0] = 0;
    fill_status();
}

/* Encodes the last inference's counts as one packed field. */
static bool encode_counts(pb_ostream_t *stream, const pb_field_t *field, void *const *arg)
{
    (void)arg;
    const uint32_t n = b.model.neurons;
    pb_ostream_t sizing = PB_OSTREAM_SIZING;
    for (uint32_t j = 0; j < n; j++) {
        if (!pb_encode_varint(&sizing, lif.count[j])) {
            return false;
        }
    }
    if (!pb_encode_tag(stream, PB_WT_STRING, field->tag) || !pb_encode_varint(stream, sizing.bytes_written)) {
        return false;
    }
    for (uint32_t j = 0; j < n; j++) {
        if (!pb_encode_varint(stream, lif.count[j])) {
            return false;
        }
    }
    return true;
}

static void infer(const span *pixels)
{
    snn_fmt f = detail();
    if (!b.have_model) {
        set_error(snn_wire_ErrorCode_NO_MODEL);
        snn_fmt_str(&f, "no active model to run");
        return;
    }
    if (pixels->len != b.model.inputs) {
        set_error(snn_wire_ErrorCode_BAD_INPUT);
        snn_fmt_str(&f, "infer with ");
        snn_fmt_u32(&f, pixels->len);
        snn_fmt_str(&f, " pixels, the model takes ");
        snn_fmt_u32(&f, b.model.inputs);
        return;
    }
    snn_lif_result r;
    snn_lif_run(&b.model, &lif, pixels->data, request.infer.image_seed, 0, 0, &r);
    response.has_result = true;
    response.result.label = r.label;
    response.result.steps = r.steps;
    response.result.spike_counts.funcs.encode = encode_counts;
}

#if SNN_SIGNATURES
/* Collects a Trust request's keys in place (called once per repeated element). */
static bool keep_key(pb_istream_t *stream, const pb_field_t *field, void **arg)
{
    (void)field;
    trust_spans *t = (trust_spans *)*arg;
    if (t->count < SNN_TRUST_MAX) {
        t->keys[t->count].data = (const uint8_t *)stream->state;
        t->keys[t->count].len = (uint32_t)stream->bytes_left;
    }
    t->count++;
    return pb_read(stream, NULL, stream->bytes_left);
}
#endif

/* The provisioning rule (docs/device-spec.md section 15.3). OK or TRUST_REFUSED / UNSUPPORTED with
 * the detail filled; on OK one journal record makes the new store current. */
static void trust(const trust_spans *t)
{
    snn_fmt f = detail();
#if !SNN_SIGNATURES
    (void)t;
    set_error(snn_wire_ErrorCode_UNSUPPORTED);
    snn_fmt_str(&f, NO_SIGNATURES);
#else
    const uint32_t provisioned = snn_store_trust_count(&b.store);
    snn_wire_ErrorCode code = snn_wire_ErrorCode_TRUST_REFUSED;
    uint8_t keys[32 * SNN_TRUST_MAX];
    if (t->count == 0 || t->count > SNN_TRUST_MAX) {
        snn_fmt_str(&f, "a trust store holds 1..4 keys, the request has ");
        snn_fmt_u32(&f, t->count);
        goto refused;
    }
    for (uint32_t i = 0; i < t->count; i++) {
        if (t->keys[i].len != 32) {
            snn_fmt_str(&f, "key ");
            snn_fmt_u32(&f, i);
            snn_fmt_str(&f, " has ");
            snn_fmt_u32(&f, t->keys[i].len);
            snn_fmt_str(&f, " bytes, expected 32");
            goto refused;
        }
        copy(keys + 32 * i, t->keys[i].data, 32);
        for (uint32_t j = 0; j < i; j++) {
            if (same(keys + 32 * i, keys + 32 * j, 32)) {
                snn_fmt_str(&f, "key ");
                snn_fmt_u32(&f, i);
                snn_fmt_str(&f, " repeats key ");
                snn_fmt_u32(&f, j);
                goto refused;
            }
        }
    }
    if (provisioned == 0) {
        if (t->signature.len != 0) {
            snn_fmt_str(&f, "unprovisioned board: the first trust store is sent unsigned");
            goto refused;
        }
    } else {
        if (t->signature.len != 64) {
            snn_fmt_str(&f, "this board is provisioned: a new trust store must be signed by one of its keys");
            goto refused;
        }
        /* "SNNTRUST" || u32 generation || u32 count || keys */
        uint8_t msg[16 + 32 * SNN_TRUST_MAX];
        copy(msg, (const uint8_t *)"SNNTRUST", 8);
        snn_wr_u32(msg + 8, snn_store_trust_generation(&b.store));
        snn_wr_u32(msg + 12, t->count);
        copy(msg + 16, keys, 32 * t->count);
        int ok = 0;
        for (uint32_t i = 0; i < provisioned && !ok; i++) {
            ok = snn_sign_verify(snn_store_trust_key(&b.store, i), msg, 16 + 32 * t->count, t->signature.data) == 0;
        }
        if (!ok) {
            snn_fmt_str(&f, "the new trust store's signature does not verify with any trusted key over generation ");
            snn_fmt_u32(&f, snn_store_trust_generation(&b.store));
            goto refused;
        }
    }
    if (snn_store_set_trust(&b.store, t->count, keys) != 0) {
        flash_failed("journal write");
        return;
    }
    fill_status();
    return;
refused:
    set_error(code);
    snn_fmt_str(&f, "; trust store unchanged");
    fill_status();
#endif
}

/* Keeps a bytes field in place: records where it lies and skips it. */
static bool keep_span(pb_istream_t *stream, const pb_field_t *field, void **arg)
{
    (void)field;
    span *s = (span *)*arg;
    s->data = (const uint8_t *)stream->state; /* a buffer stream's state is its read position */
    s->len = (uint32_t)stream->bytes_left;
    return pb_read(stream, NULL, stream->bytes_left);
}

static void clear(uint8_t *p, uint32_t n)
{
    for (uint32_t i = 0; i < n; i++) {
        p[i] = 0;
    }
}

uint32_t snn_board_handle(const uint8_t *req, uint32_t len, uint8_t *out, uint32_t cap, int *reboot)
{
    span data = {0, 0};
    span pixels = {0, 0};
    trust_spans keys;
    clear((uint8_t *)&keys, sizeof keys);
    clear((uint8_t *)&request, sizeof request);
    clear((uint8_t *)&response, sizeof response);
    request.chunk.data.funcs.decode = keep_span;
    request.chunk.data.arg = &data;
    request.infer.pixels.funcs.decode = keep_span;
    request.infer.pixels.arg = &pixels;
#if SNN_SIGNATURES
    request.trust.keys.funcs.decode = keep_key;
    request.trust.keys.arg = &keys;
    request.trust.signature.funcs.decode = keep_span;
    request.trust.signature.arg = &keys.signature;
#endif
    *reboot = 0;
    pb_istream_t in = pb_istream_from_buffer(req, len);
    if (!pb_decode(&in, snn_wire_Request_fields, &request)) {
        snn_fmt f = detail();
        set_error(snn_wire_ErrorCode_BAD_REQUEST);
        snn_fmt_str(&f, "undecodable request of ");
        snn_fmt_u32(&f, len);
        snn_fmt_str(&f, " bytes");
    } else {
        response.seq = request.seq;
        if (request.has_hello) {
            hello();
        } else if (request.has_begin) {
            begin();
        } else if (request.has_chunk) {
            chunk(&data);
        } else if (request.has_commit) {
            commit();
        } else if (request.has_status) {
            fill_status();
        } else if (request.has_reset) {
            *reboot = 1;
            fill_status();
        } else if (request.has_infer) {
            infer(&pixels);
        } else if (request.has_trust) {
            trust(&keys);
        } else {
            snn_fmt f = detail();
            set_error(snn_wire_ErrorCode_BAD_REQUEST);
            snn_fmt_str(&f, "request without a body");
        }
    }
    pb_ostream_t o = pb_ostream_from_buffer(out, cap);
    if (!pb_encode(&o, snn_wire_Response_fields, &response)) {
        return 0;
    }
    return (uint32_t)o.bytes_written;
}
