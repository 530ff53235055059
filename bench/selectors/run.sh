#!/usr/bin/env bash
# Builds and runs the selector benchmark: matching compiled selectors over a
# ~50 KB page against parsing that page with gumbo. Prints numbers for a
# person to read; nothing here passes or fails on speed.
#   bench/selectors/run.sh [PAGE.html] [REPETITIONS]
# GLEANER_BUILD_DIR picks the (optimized) build directory; default: build.
set -euo pipefail
cd "$(dirname "$0")/../.."
build="${GLEANER_BUILD_DIR:-build}"
[ -d "$build" ] || meson setup "$build" >/dev/null
ninja -C "$build" bench/bench-selectors >/dev/null
exec "$build/bench/bench-selectors" "$@"
