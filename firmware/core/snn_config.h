/*
 * Compile-time sizes of every buffer the firmware owns. A port sets them from its device profile
 * (docs/device-spec.md section 12) with -D on the compiler command line; nothing is allocated at run
 * time. A model larger than these limits is refused at commit (BAD_IMAGE) and never run.
 */
#ifndef SNN_CONFIG_H
#define SNN_CONFIG_H

/* Largest model the loop's RAM holds. */
#ifndef SNN_MAX_INPUTS
#define SNN_MAX_INPUTS 1024
#endif
#ifndef SNN_MAX_NEURONS
#define SNN_MAX_NEURONS 1024
#endif

/* Largest Chunk.data this device accepts (DeviceInfo.max_chunk). */
#ifndef SNN_MAX_CHUNK
#define SNN_MAX_CHUNK 1024
#endif

/* Protocol buffers: a received payload holds one Chunk or one Infer request plus its headers; a sent
 * payload holds one InferResult (packed varint counts, at most 3 bytes each) or one Status/DeviceInfo. */
#define SNN_RX_PAYLOAD_MAX ((SNN_MAX_CHUNK > SNN_MAX_INPUTS ? SNN_MAX_CHUNK : SNN_MAX_INPUTS) + 48)
#define SNN_TX_PAYLOAD_MAX (3 * SNN_MAX_NEURONS + 64 > 768 ? 3 * SNN_MAX_NEURONS + 64 : 768)

/* 1: the board decodes SNZ1 upload streams (docs/device-spec.md section 16; sizeof(snn_snz), about
 * 2.1 KiB of RAM, and about 1.5 KiB of code) and offers them in DeviceInfo.encodings; 0: it offers and
 * accepts raw uploads only (the micro:bit and nucleo-f411re ports, which have no room for it). */
#ifndef SNN_STREAM_DECODER
#define SNN_STREAM_DECODER 1
#endif

/* Version string reported in DeviceInfo.firmware_version. */
#define SNN_FIRMWARE_VERSION "snn-firmware-c 0.1.0"

#endif
