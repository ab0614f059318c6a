#!/usr/bin/env bash
# The CLI frame: help, clear one-line errors with the documented exit codes, and the
# loopback-only rule of the server. Usage: cli_test.sh BUILD_DIR
set -u
bin=$1/clients
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export BAYYINA_HOME=$tmp/home

expect() {  # expect NAME WANT_RC WANT_STDERR_SUBSTRING -- CMD...
  local name=$1 want_rc=$2 want_err=$3; shift 4
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ "$rc" -ne "$want_rc" ]; then echo "FAIL $name: exit $rc, want $want_rc"; cat "$tmp/err"; fail=1; return; fi
  if [ -n "$want_err" ] && ! grep -qF -- "$want_err" "$tmp/err"; then
    echo "FAIL $name: stderr lacks '$want_err'"; cat "$tmp/err"; fail=1; return; fi
  echo "ok   $name"
}

expect help 0 "" -- "$bin/bayyina" --help
grep -q "tm lookup" "$tmp/out" || { echo "FAIL help lists the CLI table"; fail=1; }
expect no-args 2 "usage: bayyina" -- "$bin/bayyina"
expect unknown-command 2 "bayyina: error: unknown command 'frobnicate'" -- "$bin/bayyina" frobnicate
expect unknown-flag 2 "unknown flag --nope" -- "$bin/bayyina" serve --nope
expect serve-help 0 "" -- "$bin/bayyina" serve --help
grep -q -- "--listen ADDR" "$tmp/out" || { echo "FAIL serve --help shows --listen"; fail=1; }
expect non-loopback-refused 2 "refusing to listen on non-loopback address" -- "$bin/bayyinad" --listen 0.0.0.0:0
expect v6-any-refused 2 "refusing to listen" -- "$bin/bayyinad" --listen "[::]:0"
expect unknown-service 2 "unknown service 'nope'" -- "$bin/bayyinad" --listen 127.0.0.1:0 --services ocr,nope
expect bad-integer 2 "--max-message-mb must be an integer" -- "$bin/bayyinad" --max-message-mb lots
expect tls-half 2 "TLS needs both" -- "$bin/bayyinad" --listen 0.0.0.0:0 --tls-cert /dev/null
# Errors are one line.
for f in "$tmp/err"; do [ "$(wc -l <"$f")" -le 1 ] || { echo "FAIL errors are one line"; fail=1; }; done
exit $fail
