/*
 * Builds monocypher/monocypher.c, vendored unchanged (monocypher/README.md), under the firmware's strict
 * warning flags: its few implicit int-to-byte conversions are Monocypher's, reviewed upstream, so
 * -Wconversion is silenced for this translation unit only.
 */
#pragma GCC diagnostic ignored "-Wconversion"
#pragma GCC diagnostic ignored "-Wsign-conversion"
#include "monocypher.c"
