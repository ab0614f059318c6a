#!/usr/bin/env bash
# Translation-memory quality on the real corpora: indexed top-1 against the exhaustive scan
# with the same scorer, and normalization-only variants matching at 100 (docs/benchmarks.md).
#
#   bench/tm_quality.sh [UNITS] [QUERIES_PER_KIND]     (defaults 1000000 and 60)
#
# Builds tm_quality in ./build if needed; reads ../shared/corpora (or $BAYYINA_CORPORA).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${BAYYINA_BUILD_DIR:-$root/build}"
if [ ! -x "$build/tm/tm_quality" ]; then
  cmake -G Ninja -S "$root" -B "$build" >/dev/null
  cmake --build "$build" -j2 --target tm_quality
fi
BAYYINA_SOURCE_DIR="$root" exec "$build/tm/tm_quality" "${1:-1000000}" "${2:-60}"
