#!/usr/bin/env bash
# `bayyina package create|verify` and `bayyina bag verify` end to end, checked with the
# standard tools. Usage: cli_package_test.sh BUILD_DIR SOURCE_DIR
set -u
bin=$1/clients/bayyina
src=$2
fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export BAYYINA_HOME=$tmp/home
pki=$tmp/pki
bash "$src/transfer/tests/make_test_pki.sh" "$pki" || { echo "FAIL pki"; exit 1; }

check() {  # check NAME WANT_RC -- CMD...
  local name=$1 want=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
  if [ "$rc" -ne "$want" ]; then echo "FAIL $name: exit $rc, want $want"; cat "$tmp/out" "$tmp/err"; fail=1; return; fi
  echo "ok   $name"
}

head -c 200000 /dev/urandom > "$tmp/passport_Ahmed.png"
printf 'نص الصفحة\n' > "$tmp/page.txt"
info=(--info Case-Reference=BGD-2026-0042 --info "Legal-Basis=EIO 2026/77"
      --info "Sender-Authority=Investigating Court of Karkh" --info Recipient-Authority=Eurojust
      --info Handling-Code=H1)
check create 0 -- "$bin" package create -o "$tmp/p.asice" --sign-key "$pki/signer-ec.key" \
  --sign-cert "$pki/signer-ec.pem" "${info[@]}" "$tmp/passport_Ahmed.png" "ocr/document-001.txt=$tmp/page.txt"
unzip -l "$tmp/p.asice" | grep -q "bag/data/redacted/document-001.png" || { echo "FAIL neutral name"; fail=1; }
unzip -l "$tmp/p.asice" | grep -q "Ahmed" && { echo "FAIL the submitted name leaked into the package"; fail=1; }
check verify 0 -- "$bin" package verify "$tmp/p.asice" --ca "$pki/ca.pem"
grep -q "^ok   bag/data/redacted/document-001.png" "$tmp/out" || { echo "FAIL item by item"; fail=1; }
check verify-json 0 -- "$bin" package verify "$tmp/p.asice" --ca "$pki/ca.pem" --json
/usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if d["ok"] and d["items"] else 1)' < "$tmp/out" \
  || { echo "FAIL json output"; fail=1; }
check verify-untrusted 1 -- "$bin" package verify "$tmp/p.asice" --ca "$pki/other-ca.pem"

# A changed payload byte, re-zipped consistently with zip(1), fails and is named.
mkdir "$tmp/x" && (cd "$tmp/x" && unzip -q "$tmp/p.asice")
check bag-verify 0 -- "$bin" bag verify "$tmp/x/bag"
printf 'X' | dd of="$tmp/x/bag/data/ocr/document-001.txt" bs=1 seek=0 conv=notrunc 2>/dev/null
check bag-verify-tampered 1 -- "$bin" bag verify "$tmp/x/bag"
grep -q "data/ocr/document-001.txt" "$tmp/out" || { echo "FAIL bag names the file"; fail=1; }
(cd "$tmp/x" && zip -q -X -0 "$tmp/t.asice" mimetype && zip -q -X -r "$tmp/t.asice" . -x mimetype)
check verify-tampered 1 -- "$bin" package verify "$tmp/t.asice" --ca "$pki/ca.pem"
grep -q "^FAIL bag/data/ocr/document-001.txt" "$tmp/out" || { echo "FAIL names the item"; cat "$tmp/out"; fail=1; }

# Encrypted to two recipients, in volumes; each opens with openssl cms -decrypt.
check create-encrypted 0 -- "$bin" package create -o "$tmp/e.asice" --sign-key "$pki/signer-rsa.key" \
  --sign-cert "$pki/signer-rsa.pem" --recipient "$pki/recipient-rsa.pem" --recipient "$pki/recipient-ec.pem" \
  --volume-mb 1 "${info[@]}" "$tmp/passport_Ahmed.png"
[ -e "$tmp/e.asice" ] && { echo "FAIL plaintext left beside the volumes"; fail=1; }
for v in "$tmp"/e.asice.p7m.*; do
  openssl cms -decrypt -binary -inform DER -in "$v" -inkey "$pki/recipient-ec.key" >> "$tmp/e-joined.asice" \
    || { echo "FAIL openssl cms -decrypt $v"; fail=1; }
done
unzip -tq "$tmp/e-joined.asice" >/dev/null || { echo "FAIL decrypted volumes do not join into a ZIP"; fail=1; }
check verify-encrypted 0 -- "$bin" package verify "$tmp/e.asice.p7m.001" --ca "$pki/ca.pem" --decrypt-key "$pki/recipient-rsa.key"
check verify-encrypted-no-key 1 -- "$bin" package verify "$tmp/e.asice.p7m.001" --ca "$pki/ca.pem"

# The same through a running bayyinad (--server): TransferService streams.
# CAdES-T: a signature timestamp from a loopback `openssl ts` TSA, locally and through the service
# (which fetches only the TSAs it was started with).
/usr/bin/python3 "$src/transfer/tests/tsa_server.py" "$pki" "$tmp/tsa" > "$tmp/tsa-port" &
tsa=$!
for _ in $(seq 1 100); do [ -s "$tmp/tsa-port" ] && break; sleep 0.1; done
tsa_url=http://127.0.0.1:$(cat "$tmp/tsa-port")
"$1/clients/bayyinad" --listen 127.0.0.1:0 --services transfer --port-file "$tmp/port" --tsa-url "$tsa_url/tsa" 2>"$tmp/server.log" &
server=$!
for _ in $(seq 1 100); do [ -s "$tmp/port" ] && break; sleep 0.1; done
addr=127.0.0.1:$(cat "$tmp/port")
check remote-create 0 -- "$bin" package create --server "$addr" -o "$tmp/r.asice" --sign-key "$pki/signer-ec.key" \
  --sign-cert "$pki/signer-ec.pem" "${info[@]}" "$tmp/passport_Ahmed.png"
check remote-verify 0 -- "$bin" package verify --server "$addr" "$tmp/r.asice" --ca "$pki/ca.pem"
check remote-local-agree 0 -- "$bin" package verify "$tmp/r.asice" --ca "$pki/ca.pem"
check remote-create-encrypted 0 -- "$bin" package create --server "$addr" -o "$tmp/re.asice" \
  --sign-key "$pki/signer-ec.key" --sign-cert "$pki/signer-ec.pem" --recipient "$pki/recipient-ec.pem" \
  --volume-mb 1 "${info[@]}" "$tmp/passport_Ahmed.png"
check remote-verify-encrypted 0 -- "$bin" package verify --server "$addr" "$tmp/re.asice.p7m.001" \
  --ca "$pki/ca.pem" --decrypt-key "$pki/recipient-ec.key"
check create-tsa 0 -- "$bin" package create -o "$tmp/ts.asice" --sign-key "$pki/signer-ec.key" \
  --sign-cert "$pki/signer-ec.pem" --tsa-url "$tsa_url/tsa" "${info[@]}" "$tmp/page.txt"
check verify-tsa 0 -- "$bin" package verify "$tmp/ts.asice" --ca "$pki/ca.pem" --tsa-ca "$pki/tsa-ca.pem"
grep -q "^ok   META-INF/signature001.p7s: RFC 3161 signature timestamp holds" "$tmp/out" \
  || { echo "FAIL timestamp item"; cat "$tmp/out"; fail=1; }
check verify-tsa-untrusted 1 -- "$bin" package verify "$tmp/ts.asice" --ca "$pki/ca.pem"
check remote-create-tsa 0 -- "$bin" package create --server "$addr" -o "$tmp/rts.asice" \
  --sign-key "$pki/signer-ec.key" --sign-cert "$pki/signer-ec.pem" --tsa-url "$tsa_url/tsa" "${info[@]}" "$tmp/page.txt"
check remote-verify-tsa 0 -- "$bin" package verify --server "$addr" "$tmp/rts.asice" --ca "$pki/ca.pem" \
  --tsa-ca "$pki/tsa-ca.pem"
grep -q "RFC 3161 signature timestamp holds" "$tmp/out" || { echo "FAIL remote timestamp item"; fail=1; }
check remote-create-tsa-not-configured 1 -- "$bin" package create --server "$addr" -o "$tmp/rtx.asice" \
  --sign-key "$pki/signer-ec.key" --sign-cert "$pki/signer-ec.pem" --tsa-url "$tsa_url/other" "${info[@]}" "$tmp/page.txt"
grep -q "TSAs it was started with" "$tmp/err" || { echo "FAIL unconfigured TSA not refused"; cat "$tmp/err"; fail=1; }
ls "$tmp"/rtx.asice* >/dev/null 2>&1 && { echo "FAIL half-written output after a refused TSA"; fail=1; }
check create-tsa-garbage 1 -- "$bin" package create -o "$tmp/tg.asice" --sign-key "$pki/signer-ec.key" \
  --sign-cert "$pki/signer-ec.pem" --tsa-url "$tsa_url/garbage" "${info[@]}" "$tmp/page.txt"
ls "$tmp"/tg.asice* >/dev/null 2>&1 && { echo "FAIL half-written output after a bad TSA"; fail=1; }
kill "$tsa"; wait "$tsa" 2>/dev/null
check remote-create-bad 2 -- "$bin" package create --server "$addr" -o "$tmp/rb.asice" --sign-key "$pki/signer-ec.key" \
  --sign-cert "$pki/signer-ec.pem" "${info[@]}" "../x.png=$tmp/page.txt"
ls "$tmp"/rb.asice* >/dev/null 2>&1 && { echo "FAIL remote half-written output"; fail=1; }
grep -q "نص\|Ahmed" "$tmp/server.log" && { echo "FAIL server log holds evidence or names"; fail=1; }
kill "$server"; wait "$server" 2>/dev/null

# Usage errors exit 2 with one line; bad input is refused cleanly.
check create-missing-info 2 -- "$bin" package create -o "$tmp/n.asice" --sign-key "$pki/signer-ec.key" \
  --sign-cert "$pki/signer-ec.pem" "$tmp/page.txt"
check create-unsafe-path 2 -- "$bin" package create -o "$tmp/n.asice" --sign-key "$pki/signer-ec.key" \
  --sign-cert "$pki/signer-ec.pem" "${info[@]}" "../escape.txt=$tmp/page.txt"
[ -e "$tmp/n.asice" ] && { echo "FAIL half-written output"; fail=1; }
check verify-usage 2 -- "$bin" package verify
exit $fail
