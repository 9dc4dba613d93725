/*
 * The device's protocol logic: answers one Request payload with one Response payload, keeping
 * models in the two-slot store. The C twin of firmware-sim's snn.sim.board.Board; the same safety
 * rules hold:
 *   - uploads only ever write the inactive slot, so the active model's bytes are never touched;
 *   - a new upload is first recorded as "none", then its slot erased, then recorded as started;
 *   - progress is recorded only after the bytes it covers are programmed;
 *   - commit hashes the slot, parses it and runs its self-test before the one record that swaps.
 */
#ifndef SNN_BOARD_H
#define SNN_BOARD_H

#include <stdint.h>

/* Upload progress is journalled every this many bytes (and at the end). */
#define SNN_PROGRESS_STEP 4096u

/* Power-on: rebuilds every RAM state from flash; never writes flash. -1 when the flash is unusable. */
int snn_board_boot(void);

/* Answers the request in req[0..len) into out (cap bytes); returns the answer's length, or 0 when
 * no answer fits (never happens with the sizes of snn_config.h). *reboot is set after a Reset. */
uint32_t snn_board_handle(const uint8_t *req, uint32_t len, uint8_t *out, uint32_t cap, int *reboot);

#endif
