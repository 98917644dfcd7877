"""Webhook receiver of the compose test: 204 to every POST, each request appended to /tmp/received.jsonl."""
import json
import signal
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        record = {"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()},
                  "body": body.decode("utf-8")}
        with open("/tmp/received.jsonl", "a", encoding="utf-8") as out:
            out.write(json.dumps(record) + "\n")
        self.send_response(204)
        self.end_headers()

    def do_GET(self):  # health check
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()


# PID 1 in its container: without a handler SIGTERM would be ignored and `docker stop` would wait its timeout.
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
ThreadingHTTPServer(("0.0.0.0", 8099), Receiver).serve_forever()
