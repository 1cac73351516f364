#!/usr/bin/env python3
"""A static file server on loopback for the signature-update tests.

Usage: bundle_server.py ROOT   (prints "PORT <n>" once listening on 127.0.0.1:<n>)

Serves ROOT like `python3 -m http.server`, plus two behaviours a real bad server has:
- /slow/<path>: the file with its true Content-Length, 16 KiB every 50 ms, so a test
  can kill this server in the middle of the body;
- /chunked/<path>: the file in chunked encoding, without a Content-Length, so only the
  client's own byte count can stop an oversized body.
Stops by itself after 300 s (a test that dies cannot leave it running for long).
"""
import http.server, os, sys, threading, time

ROOT = os.path.abspath(sys.argv[1])

class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def __init__(self, *a, **k):
        super().__init__(*a, directory=ROOT, **k)

    def log_message(self, *a):
        pass

    def do_GET(self):
        for prefix in ("/slow/", "/chunked/"):
            if self.path.startswith(prefix):
                rel = self.path[len(prefix):]
                full = os.path.realpath(os.path.join(ROOT, rel))
                if not full.startswith(ROOT + os.sep) or not os.path.isfile(full):
                    self.send_error(404)
                    return
                data = open(full, "rb").read()
                self.send_response(200)
                if prefix == "/slow/":
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    for i in range(0, len(data), 16384):
                        self.wfile.write(data[i:i + 16384])
                        self.wfile.flush()
                        time.sleep(0.05)
                else:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.end_headers()
                    for i in range(0, len(data), 4096):
                        chunk = data[i:i + 4096]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                    self.wfile.write(b"0\r\n\r\n")
                return
        super().do_GET()

server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
threading.Timer(300, server.shutdown).start()
print("PORT %d" % server.server_address[1], flush=True)
server.serve_forever()
