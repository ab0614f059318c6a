#!/usr/bin/python3
"""A loopback RFC 3161 time-stamping authority for tests, answered by `openssl ts -reply`.

Usage: tsa_server.py PKI_DIR WORK_DIR
PKI_DIR holds tsa.pem, tsa.key and tsa-ca.pem (make_test_pki.sh). Listens on 127.0.0.1 on a
free port, prints "PORT\n" once it listens, and serves until GET /quit or 120 s have passed.
  POST /tsa      application/timestamp-query -> openssl ts -reply (a granted, signed token)
  POST /garbage  answers text labelled application/timestamp-reply
  POST /reject   answers a well-formed "rejection" response (openssl ts -reply of no query)
"""
import http.server
import os
import subprocess
import sys
import tempfile
import threading

pki, work = sys.argv[1], sys.argv[2]
os.makedirs(work, exist_ok=True)
with open(os.path.join(work, "serial"), "w") as f:
    f.write("01\n")
config = os.path.join(work, "tsa.cnf")
with open(config, "w") as f:
    f.write(f"""[tsa]
default_tsa = tsa_config
[tsa_config]
serial = {work}/serial
crypto_device = builtin
signer_cert = {pki}/tsa.pem
certs = {pki}/tsa-ca.pem
signer_key = {pki}/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha256, sha384, sha512
accuracy = secs:1
ordering = no
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
""")
lock = threading.Lock()  # openssl ts -reply updates the serial file


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def reply(self, code, body, ctype="application/timestamp-reply"):
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self.reply(200, b"bye", "text/plain")
        if self.path == "/quit":
            threading.Thread(target=self.server.shutdown).start()

    def do_POST(self):
        query = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path == "/garbage":
            self.reply(200, b"this is not a timestamp reply\n" * 10)
            return
        if self.headers.get("Content-Type") != "application/timestamp-query":
            self.reply(415, b"", "text/plain")
            return
        with lock, tempfile.TemporaryDirectory(dir=work) as d:
            q, r = os.path.join(d, "q.tsq"), os.path.join(d, "r.tsr")
            with open(q, "wb") as f:
                f.write(b"not a query" if self.path == "/reject" else query)
            subprocess.run(["openssl", "ts", "-reply", "-config", config, "-queryfile", q,
                            "-out", r], check=False, capture_output=True)
            with open(r, "rb") as f:
                body = f.read()
        self.reply(200, body)


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
threading.Timer(120, server.shutdown).start()
print(server.server_address[1], flush=True)
server.serve_forever()
os._exit(0)  # the timer thread must not keep us alive
