#!/usr/bin/env bash
# Regenerates firmware/proto/wire.pb.{c,h} from protocol/src/main/proto/wire.proto with Debian's
# nanopb generator (apt-get install nanopb; version 0.4.7 matches the runtime in firmware/nanopb).
# Options (field sizes, callbacks) are in firmware/proto/wire.options. Run from anywhere.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
proto_dir="$here/../protocol/src/main/proto"
command -v nanopb_generator.py >/dev/null || { echo "regen-nanopb: nanopb_generator.py not found (apt-get install nanopb)" >&2; exit 2; }
nanopb_generator.py --version
nanopb_generator.py -I "$proto_dir" -f "$here/proto/wire.options" -D "$here/proto" "$proto_dir/wire.proto"
echo "regenerated $here/proto/wire.pb.c and wire.pb.h"
