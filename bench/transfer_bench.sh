#!/usr/bin/env bash
# Throughput and peak memory of `bayyina package create|verify` against coreutils' sha256sum
# over the same files, in one run. Prints a Markdown section for docs/benchmarks.md.
#
# Usage: bench/transfer_bench.sh [BUILD_DIR] [TOTAL_MIB] [FILES]
#   defaults: build, 2048 MiB, 16 files (incompressible, named .png so they are stored).
# Needs: a built `bayyina` (cmake --build BUILD_DIR -j2 --target bayyina), /usr/bin/time.
set -euo pipefail
build=${1:-build}
total_mib=${2:-2048}
files=${3:-16}
src=$(cd "$(dirname "$0")/.." && pwd)
bin=$(cd "$build" && pwd)/clients/bayyina
work=$(mktemp -d "${TMPDIR:-/tmp}/transfer-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

bash "$src/transfer/tests/make_test_pki.sh" "$work/pki"
mkdir "$work/in"
per=$((total_mib / files))
for i in $(seq -w 1 "$files"); do
  # Random bytes stand in for scans: incompressible, so the ZIP stores them like PNG/JPEG/PDF.
  # (openssl dies of SIGPIPE when head has enough; that is the expected end of the pipe.)
  { openssl enc -aes-256-ctr -pass pass:bench$i -nosalt -pbkdf2 -in /dev/zero 2>/dev/null || true; } \
    | head -c $((per << 20)) > "$work/in/scan$i.png"
done
bytes=$(cat "$work/in"/*.png | wc -c)
cat "$work/in"/*.png > /dev/null  # same page-cache state for every contender

info=(--info Case-Reference=BENCH-1 --info "Legal-Basis=EIO bench" --info Sender-Authority=A
      --info Recipient-Authority=B --info Handling-Code=H0)

# run NAME CMD...: wall seconds, CPU seconds and peak RSS (KiB) via /usr/bin/time -v.
run() {
  local name=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$work/$name.time"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$work/$name.time" \
         | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
  local cpu_s; cpu_s=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$work/$name.time")
  printf '| %s | %.2f | %.0f | %.2f | %.1f |\n' "$name" "$wall" "$(echo "$bytes / 1000000 / $wall" | bc -l)" \
    "$cpu_s" "$(echo "$rss / 1024" | bc -l)" >> "$work/rows"
}

: > "$work/rows"
load=$(cut -d' ' -f1-3 /proc/loadavg)
run 'baseline: `sha256sum` over the payload' sha256sum "$work/in"/*.png
run 'baseline: `sha512sum` over the payload' sha512sum "$work/in"/*.png
run '`bayyina package create` (SHA-256 + SHA-512, ZIP, sign)' \
  "$bin" package create -o "$work/p.asice" --sign-key "$work/pki/signer-ec.key" \
  --sign-cert "$work/pki/signer-ec.pem" "${info[@]}" "$work/in"/*.png
# The builder drops what it wrote from the page cache (write-behind); warm it like the payload.
cat "$work/p.asice" > /dev/null
run '`bayyina package verify` (CRC, SHA-256 + SHA-512, signature)' \
  "$bin" package verify "$work/p.asice" --ca "$work/pki/ca.pem"
run '`bayyina package create` encrypted (AES-256-GCM, 1 GiB volumes)' \
  "$bin" package create -o "$work/e.asice" --sign-key "$work/pki/signer-ec.key" \
  --sign-cert "$work/pki/signer-ec.pem" --recipient "$work/pki/recipient-ec.pem" "${info[@]}" "$work/in"/*.png

cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
cat <<MD
## transfer

Machine: $(nproc) cores ($cpu, shared with other jobs), Debian 12, GCC 12, RelWithDebInfo,
OpenSSL $(openssl version | awk '{print $2}'), libzip $(pkg-config --modversion libzip). Date: $(date -u +%Y-%m-%d).
Payload: $files incompressible files of $per MiB ($bytes bytes), stored (not deflated) as scans
are; page cache warm for every row. MB/s = payload bytes / wall time. Peak RSS from
\`/usr/bin/time -v\`. Load average when the run started: $load.

Command: \`cmake --build build -j2 --target bayyina && bench/transfer_bench.sh build $total_mib $files\`

| run | wall s | MB/s | CPU s (user+sys) | peak RSS MiB |
| --- | --- | --- | --- | --- |
$(cat "$work/rows")
MD
