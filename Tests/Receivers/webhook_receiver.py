#!/usr/bin/env python3
"""A loopback webhook receiver for the notification tests: appends each POST body as one
line to --out; answers the statuses in --fail-first (one per request) before answering 200."""
import argparse
import os
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ARGS = None
FAILS = []


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        status = FAILS.pop(0) if FAILS else 200
        if status == 200:
            with open(ARGS.out, "ab") as f:
                f.write(body.replace(b"\n", b" ") + b"\n")
        reply = b"{}"
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)


def main():
    global ARGS
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--ready-file", required=True)
    p.add_argument("--fail-first", default="")
    ARGS = p.parse_args()
    FAILS.extend(int(x) for x in ARGS.fail_first.split(",") if x)
    server = ThreadingHTTPServer(("127.0.0.1", ARGS.port), Handler)
    with open(ARGS.ready_file, "w") as f:
        f.write(str(os.getpid()))
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
