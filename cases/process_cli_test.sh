#!/usr/bin/env bash
# `bayyina process` and `bayyina case` embedded, on two pages rendered here with pango-view:
# the summary, a verifiable package (openssl cms, sha256sum, unzip), no personal value in its
# text files, the case commands, and a second run that reuses the case.
# Usage: process_cli_test.sh BUILD_DIR
set -u
bin=$1/clients/bayyina
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export BAYYINA_HOME=$tmp/home OMP_THREAD_LIMIT=1
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi; }

printf 'Police report, page 1\nPhone: +964 770 123 4567\nEmail: karim.hassan@example.org\n' >"$tmp/p1.txt"
printf 'Police report, page 2\nIBAN: IQ98NBIQ850123456789012\nThe court met again.\n' >"$tmp/p2.txt"
for p in p1 p2; do
  pango-view --no-display --font="DejaVu Serif 13" --dpi=300 --margin=60 \
    --output="$tmp/$p.png" "$tmp/$p.txt" || { echo "FAIL pango-view"; exit 1; }
done

"$bin" process "$tmp/p1.png" "$tmp/p2.png" --lang en --to de --case CLI-2026-1 \
  -o "$tmp/out.asice" --legal-basis "EIO T/1" --from "Court A" --to-authority "Court B" \
  --handling-code H1 >"$tmp/summary" 2>"$tmp/progress"
check "process exits 0" "[ $? -eq 0 ]"
check "summary counts pages" "grep -q 'pages read: *2' '$tmp/summary'"
check "summary lists phone findings" "grep -q 'PHONE_NUMBER' '$tmp/summary'"
check "summary says verified" "grep -q 'verification: *OK' '$tmp/summary'"
check "progress per page" "grep -q 'page 1/1 read' '$tmp/progress'"
check "loud test-key warning" "grep -q 'TEST-ONLY' '$tmp/progress'"

mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$tmp/out.asice")
check "bag-info says test only" "grep -q 'TEST ONLY' '$tmp/x/bag/bag-info.txt'"
check "payload digests" "(cd '$tmp/x/bag' && sha256sum -c --quiet manifest-sha256.txt)"
check "signature verifies with openssl" "openssl cms -verify -binary -inform DER \
  -in '$tmp/x/META-INF/signature001.p7s' -content '$tmp/x/META-INF/ASiCManifest.xml' \
  -CAfile '$BAYYINA_HOME/signing/test-signing-cert.pem' -purpose any -out /dev/null 2>/dev/null"
check "no personal value in the package text" \
  "! grep -rlE '770 123 4567|7701234567|karim.hassan|NBIQ850123456789012' '$tmp/x' --include='*.txt' \
     --include='*.json*' --include='*.xlf' --include='*.tmx' --include='*.html' --include='*.xml'"

id=$("$bin" case create --ref CLI-2026-2 --lang en --to fr)
check "case create prints an id" "[[ '$id' == c-* ]]"
"$bin" case submit "$id" "$tmp/p1.png" >"$tmp/sub" 2>/dev/null
check "case submit names the document neutrally" "grep -q 'd-001 document-001.png' '$tmp/sub'"
"$bin" case findings "$id" d-001 >"$tmp/f"
check "case findings lists types" "grep -q 'EMAIL_ADDRESS' '$tmp/f'"
"$bin" case draft "$id" d-001 --xliff "$tmp/d.xlf"
check "case draft writes XLIFF 2.1" "grep -q 'version=\"2.1\"' '$tmp/d.xlf'"
"$bin" case approve "$id" >/dev/null
"$bin" case export "$id" -o "$tmp/c.asice" >"$tmp/e" 2>/dev/null
check "case export verifies" "grep -q verified '$tmp/e'"
"$bin" case log "$id" --verify >"$tmp/l"
check "case log verifies" "grep -q '^OK' '$tmp/l'"

# A second run on the same case reuses it: the pages are already there.
"$bin" process "$tmp/p1.png" --case CLI-2026-1 -o "$tmp/out2.asice" >"$tmp/summary2" 2>"$tmp/progress2"
check "second run reuses the case" "grep -q 'already in the case' '$tmp/progress2'"
# The same commands against bayyinad (--server), with a bearer token.
shome=$tmp/server-home; mkdir -p "$shome"
printf '{"principals": [{"name": "prosecutor-1", "token_sha256": "%s", "roles": ["prosecutor"]}]}' \
  "$(printf 'tok-cli-test' | sha256sum | cut -d' ' -f1)" >"$shome/principals.json"
chmod 600 "$shome/principals.json"
BAYYINA_HOME=$shome "$1/clients/bayyinad" --listen 127.0.0.1:0 --port-file "$tmp/port" \
  --services cases 2>"$tmp/daemon.log" &
daemon=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
server=127.0.0.1:$(cat "$tmp/port")
export BAYYINA_TOKEN=tok-cli-test
sid=$("$bin" case create --server "$server" --ref SRV-2026-1 --lang en --to de)
check "remote case create" "[[ '$sid' == c-* ]]"
"$bin" case submit --server "$server" "$sid" "$tmp/p1.png" >"$tmp/rsub" 2>/dev/null
check "remote submit" "grep -q 'd-001 document-001.png' '$tmp/rsub'"
"$bin" case findings --server "$server" "$sid" d-001 >"$tmp/rf"
check "remote findings" "grep -q 'PHONE_NUMBER' '$tmp/rf'"
"$bin" case approve --server "$server" "$sid" >/dev/null
"$bin" case export --server "$server" "$sid" -o "$tmp/r.asice" >/dev/null
check "remote export writes the package" "unzip -tq '$tmp/r.asice' >/dev/null"
"$bin" case log --server "$server" "$sid" --verify >"$tmp/rl"
check "remote log verifies" "grep -q '^OK' '$tmp/rl'"
BAYYINA_TOKEN=wrong "$bin" case status --server "$server" "$sid" 2>"$tmp/rerr"
check "bad token is refused" "grep -qi 'unknown token' '$tmp/rerr'"
kill "$daemon"; wait "$daemon" 2>/dev/null
exit $fail
