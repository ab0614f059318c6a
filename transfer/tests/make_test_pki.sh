#!/usr/bin/env bash
# Generates a throw-away PKI for tests and benchmarks into DIR: a P-256 CA, signers (ECDSA
# P-256 and RSA-2048) issued by it, recipients (RSA-2048 and P-256) for encryption, and a
# time-stamping authority (tsa.pem, timeStamping only) under a CA of its own (tsa-ca.pem).
# Usage: make_test_pki.sh DIR
set -euo pipefail
dir=$1
mkdir -p "$dir"
cd "$dir"
cat > ext.cnf <<'CNF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[signer]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[recipient]
basicConstraints = critical, CA:FALSE
keyUsage = critical, keyEncipherment, keyAgreement
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
CNF
q() { "$@" >/dev/null 2>&1; }
q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
q openssl req -new -x509 -key ca.key -out ca.pem -days 30 -subj "/CN=Test Evidence CA/O=Bayyina Test" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
issue() {  # name keyspec section subject [ca]
  local name=$1 alg=$2 section=$3 subject=$4 ca=${5:-ca}
  if [ "$alg" = ec ]; then
    q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$name.key"
  else
    q openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$name.key"
  fi
  q openssl req -new -key "$name.key" -out "$name.csr" -subj "$subject"
  q openssl x509 -req -in "$name.csr" -CA "$ca.pem" -CAkey "$ca.key" -CAcreateserial -days 30 \
    -extfile ext.cnf -extensions "$section" -out "$name.pem"
}
issue signer-ec ec signer "/CN=Test Investigating Judge/O=Bayyina Test"
issue signer-rsa rsa signer "/CN=Test Prosecutor RSA/O=Bayyina Test"
issue recipient-rsa rsa recipient "/CN=Test Recipient RSA/O=Eurojust Test"
issue recipient-ec ec recipient "/CN=Test Recipient EC/O=Europol Test"
q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out tsa-ca.key
q openssl req -new -x509 -key tsa-ca.key -out tsa-ca.pem -days 30 -subj "/CN=Test TSA CA/O=Bayyina Test" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
issue tsa ec tsa "/CN=Test Time-Stamping Authority/O=Bayyina Test" tsa-ca
# A second CA that trusts nobody here, for negative chain tests.
q openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out other-ca.key
q openssl req -new -x509 -key other-ca.key -out other-ca.pem -days 30 -subj "/CN=Other CA"
chmod 600 ./*.key
