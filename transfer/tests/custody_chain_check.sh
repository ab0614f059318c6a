#!/usr/bin/env bash
# Recomputes a custody log's hash chain and RFC 9162 Merkle root with coreutils only, as a
# recipient would. Usage: custody_chain_check.sh LOG.jsonl EXPECTED_ROOT_HEX
# Exits 0 when every line's "prev" is the sha256sum of the previous line (64 zeros for the
# first) and the Merkle root equals EXPECTED_ROOT_HEX.
set -euo pipefail
log=$1
expected=$2

hex2bin() { printf "$(printf '%s' "$1" | sed 's/../\\x&/g')"; }
sha() { sha256sum | cut -c1-64; }

prev=0000000000000000000000000000000000000000000000000000000000000000
leaves=()
n=0
while IFS= read -r line || [ -n "$line" ]; do
  n=$((n + 1))
  got=$(printf '%s' "$line" | sed -n 's/.*"prev":"\([0-9a-f]\{64\}\)"}$/\1/p')
  if [ "$got" != "$prev" ]; then
    echo "line $n: prev does not chain" >&2
    exit 1
  fi
  prev=$(printf '%s' "$line" | sha)
  leaves+=("$( { printf '\x00'; printf '%s' "$line"; } | sha)")
done < "$log"

# mth START COUNT: Merkle Tree Hash of leaves[START .. START+COUNT).
mth() {
  local start=$1 count=$2
  if [ "$count" -eq 0 ]; then printf '' | sha; return; fi
  if [ "$count" -eq 1 ]; then echo "${leaves[$start]}"; return; fi
  local k=1
  while [ $((k * 2)) -lt "$count" ]; do k=$((k * 2)); done
  local left right
  left=$(mth "$start" "$k")
  right=$(mth $((start + k)) $((count - k)))
  { printf '\x01'; hex2bin "$left"; hex2bin "$right"; } | sha
}

root=$(mth 0 "$n")
if [ "$root" != "$expected" ]; then
  echo "merkle root mismatch over $n lines" >&2
  exit 1
fi
echo "custody chain and merkle root hold over $n lines"
