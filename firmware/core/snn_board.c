#include "snn_board.h"
#include <pb_decode.h>
#include <pb_encode.h>
#include "snn_config.h"
#include "snn_fmt.h"
#include "snn_image.h"
#include "snn_port.h"
#include "snn_sha256.h"
#include "snn_store.h"
#include "wire.pb.h"

#define PROTOCOL_VERSION 1

/* A bytes field left where it lies in the received payload (nanopb callback, no copy). */
typedef struct {
    const uint8_t *data;
    uint32_t len;
} span;

static struct {
    snn_store store;
    uint32_t upload_next;       /* bytes of the upload programmed so far (>= the journalled offset) */
    int have_model;
    snn_model model;            /* the active model, pointing into its flash slot */
    snn_wire_ErrorCode last_error;
    char last_detail[sizeof(((snn_wire_Status *)0)->last_detail)];
} b;

static snn_lif_state lif;
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
    }
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
    d->max_request_payload = SNN_RX_PAYLOAD_MAX;
    if (b.have_model) {
        d->model_sha256.size = 32;
        copy(d->model_sha256.bytes, s->active_sha, 32);
        d->model_size = s->active_size;
        d->active_slot = s->active_slot;
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
    response.has_ack = true;
    if (b.have_model && same(q->sha256.bytes, s.active_sha, 32) && q->size == s.active_size) {
        response.ack.next_offset = q->size;
        response.ack.already_active = true;
        return;
    }
    if (s.upload_slot != SNN_NO_SLOT && same(q->sha256.bytes, s.upload_sha, 32) && q->size == s.upload_size) {
        response.ack.next_offset = b.upload_next; /* resume */
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
    response.ack.next_offset = 0;
}

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
    response.has_ack = true;
    response.ack.chunk_offset = offset;
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
    uint32_t end = offset + data->len;
    if (end > b.upload_next) { /* not a pure duplicate: program the new part */
        uint32_t skip = b.upload_next - offset;
        if (snn_port_flash_program(snn_store_slot_addr(&b.store, s->upload_slot) + b.upload_next, data->data + skip,
                                   data->len - skip) != 0) {
            response.has_ack = false;
            flash_failed("program");
            return;
        }
        uint32_t before = b.upload_next;
        b.upload_next = end;
        if (end == s->upload_size || end / SNN_PROGRESS_STEP != before / SNN_PROGRESS_STEP) {
            snn_jstate next = *s;
            next.upload_offset = end == s->upload_size ? end : end / SNN_PROGRESS_STEP * SNN_PROGRESS_STEP;
            if (snn_store_append(&b.store, &next) != 0) {
                response.has_ack = false;
                flash_failed("journal write");
                return;
            }
        }
    }
    response.ack.next_offset = b.upload_next;
}

/* Hashes the slot once for both checks: the announced SHA-256 of all bytes, and the image's own
 * trailer (the SHA-256 of all bytes but the last 32). Then parses, checks the limits and runs the
 * self-test. Returns OK or the refusal, with b.last_detail saying why. */
static snn_wire_ErrorCode validate(const uint8_t *img, uint32_t size, const uint8_t *announced)
{
    snn_fmt f;
    snn_fmt_init(&f, b.last_detail, sizeof b.last_detail);
    uint8_t whole[32];
    uint8_t body[32];
    uint32_t head = size >= 32 ? size - 32 : 0;
    snn_sha256_ctx c;
    snn_sha256_init(&c);
    snn_sha256_update(&c, img, head);
    snn_sha256_ctx t = c;
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
    int bad = snn_image_parse(img, size, !trailer_ok, &b.model, &e) != 0 || snn_image_fits(&b.model, &e) != 0;
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
    b.have_model = 0; /* validate() parses into b.model */
    snn_wire_ErrorCode verdict = validate(slot_bytes(s.upload_slot), s.upload_size, s.upload_sha);
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
    clear((uint8_t *)&request, sizeof request);
    clear((uint8_t *)&response, sizeof response);
    request.chunk.data.funcs.decode = keep_span;
    request.chunk.data.arg = &data;
    request.infer.pixels.funcs.decode = keep_span;
    request.infer.pixels.arg = &pixels;
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
