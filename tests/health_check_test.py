#!/usr/bin/python3
"""bayyinad answers the standard health check from a client that shares no code with it.

The client is Debian's python3-grpcio with stubs generated here, at test time, from the
standard grpc.health.v1 contract. Usage: health_check_test.py PATH/TO/bayyinad
"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

import grpc
from grpc_tools import protoc

BAYYINAD = sys.argv.pop(1) if len(sys.argv) > 1 else "bayyinad"
HERE = os.path.dirname(os.path.abspath(__file__))


def generate_stubs(out_dir):
    rc = protoc.main(["protoc", f"-I{HERE}/health", f"--python_out={out_dir}",
                      f"--grpc_python_out={out_dir}", f"{HERE}/health/health.proto"])
    if rc != 0:
        raise RuntimeError("protoc failed for health.proto")
    sys.path.insert(0, out_dir)


class HealthCheckTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        generate_stubs(cls.tmp.name)
        global health_pb2, health_pb2_grpc
        import health_pb2
        import health_pb2_grpc
        port_file = os.path.join(cls.tmp.name, "port")
        env = dict(os.environ, BAYYINA_HOME=os.path.join(cls.tmp.name, "home"))
        cls.server = subprocess.Popen(
            [BAYYINAD, "--listen", "127.0.0.1:0", "--port-file", port_file,
             "--services", "ocr,tm"],
            env=env, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 30
        while not os.path.exists(port_file):
            if cls.server.poll() is not None or time.time() > deadline:
                raise RuntimeError("bayyinad did not start: " + cls.server.stderr.read())
            time.sleep(0.05)
        with open(port_file) as f:
            cls.port = int(f.read())
        cls.channel = grpc.insecure_channel(f"127.0.0.1:{cls.port}")
        cls.stub = health_pb2_grpc.HealthStub(cls.channel)

    @classmethod
    def tearDownClass(cls):
        cls.channel.close()
        if cls.server.poll() is None:
            cls.server.kill()
        cls.server.wait()
        cls.tmp.cleanup()

    def check(self, service):
        return self.stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=10)

    def test_server_is_serving(self):
        self.assertEqual(self.check("").status, health_pb2.HealthCheckResponse.SERVING)

    def test_hosted_services_are_serving(self):
        for name in ("bayyina.v1.OcrService", "bayyina.v1.TranslationMemoryService"):
            self.assertEqual(self.check(name).status, health_pb2.HealthCheckResponse.SERVING, name)

    def test_service_not_hosted_is_not_found(self):
        with self.assertRaises(grpc.RpcError) as raised:
            self.check("bayyina.v1.TransferService")
        self.assertEqual(raised.exception.code(), grpc.StatusCode.NOT_FOUND)

    def test_zz_sigterm_stops_cleanly(self):
        # Runs last (unittest sorts by name): the server exits 0 and logs its stop.
        self.server.send_signal(signal.SIGTERM)
        _, err = self.server.communicate(timeout=30)
        self.assertEqual(self.server.returncode, 0, err)
        self.assertIn('"event":"server.stopped"', err)


if __name__ == "__main__":
    unittest.main()
