#!/usr/bin/env python3
"""A loopback stand-in for Elasticsearch/OpenSearch's _bulk API, for the exporter tests.

Semantics kept from the real API: NDJSON action/source pairs; `create` stores a document
under (_index, _id) or answers 409 version_conflict_engine_exception if it exists; `index`
overwrites; per-item statuses with "errors": true when any item failed; 400 for a body
that does not end in a newline; 406 for a wrong Content-Type. Stored documents survive a
restart (appended to --store as they are accepted, flushed before the reply is written).

Faults, set on the command line or by POST /_control with a JSON object:
  fail_item_every N    every Nth item (counted over the receiver's life) answers 429
  reject_marker S      a document containing S answers 400 mapper_parsing_exception
  status_sequence [..] the next requests answer these HTTP statuses without storing anything
  die_after_items K    the next request stores K items, then the process exits without replying
  slow_ms N            wait N ms after storing and before replying
  mark_file PATH       touch PATH when a _bulk request arrives (so a test can kill the sender mid-request)
GET /_stats answers counters; GET /_docs every stored document as NDJSON.
"""
import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LOCK = threading.Lock()
DOCS = {}            # (index, id) -> source dict
STATS = {"requests": 0, "items": 0, "created": 0, "conflicts": 0, "retryable": 0, "rejected": 0, "status_injected": 0}
FAULTS = {"fail_item_every": 0, "reject_marker": None, "status_sequence": [], "die_after_items": None, "slow_ms": 0, "mark_file": None}
STORE = None


def load(path):
    if not os.path.exists(path):
        return
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue  # a torn last line from a killed receiver: that document was never acknowledged
            DOCS[(rec["_index"], rec["_id"])] = rec["_source"]


def persist(index, doc_id, source):
    STORE.write(json.dumps({"_index": index, "_id": doc_id, "_source": source}) + "\n")
    STORE.flush()
    os.fsync(STORE.fileno())


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, obj):
        body = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path == "/_stats":
            with LOCK:
                self.reply(200, dict(STATS, docs=len(DOCS)))
        elif self.path == "/_docs":
            with LOCK:
                body = "".join(json.dumps({"_index": k[0], "_id": k[1], "_source": v}) + "\n" for k, v in DOCS.items()).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.reply(404, {"error": "no such path"})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        raw = self.rfile.read(length)
        if self.path == "/_control":
            with LOCK:
                FAULTS.update(json.loads(raw or b"{}"))
            return self.reply(200, {"acknowledged": True})
        if not (self.path == "/_bulk" or self.path.endswith("/_bulk")):
            return self.reply(404, {"error": "no such path"})
        with LOCK:
            STATS["requests"] += 1
            mark = FAULTS["mark_file"]
            if FAULTS["status_sequence"]:
                status = FAULTS["status_sequence"].pop(0)
                STATS["status_injected"] += 1
                return self.reply(status, {"error": {"type": "injected", "reason": "status %d" % status}, "status": status})
        if mark:
            open(mark, "a").close()
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip()
        if ctype not in ("application/x-ndjson", "application/json"):
            return self.reply(406, {"error": "Content-Type header [%s] is not supported" % ctype, "status": 406})
        if not raw.endswith(b"\n"):
            return self.reply(400, {"error": {"type": "illegal_argument_exception", "reason": "The bulk request must be terminated by a newline [\\n]"}, "status": 400})
        lines = raw.split(b"\n")[:-1]
        if len(lines) % 2:
            return self.reply(400, {"error": {"type": "illegal_argument_exception", "reason": "odd number of lines"}, "status": 400})
        items, errors = [], False
        default_index = self.path[1:-len("/_bulk")] if self.path != "/_bulk" else None
        with LOCK:
            die = FAULTS["die_after_items"]
            FAULTS["die_after_items"] = None
            for n in range(0, len(lines), 2):
                if die is not None and n // 2 >= die:
                    STORE.flush()
                    os._exit(3)  # stopped mid-batch: some items stored, no reply
                action = json.loads(lines[n])
                (op, meta), = action.items()
                index = meta.get("_index", default_index)
                doc_id = meta.get("_id")
                source = json.loads(lines[n + 1])
                STATS["items"] += 1
                item = {"_index": index, "_id": doc_id}
                every = FAULTS["fail_item_every"]
                if every and STATS["items"] % every == 0:
                    item.update(status=429, error={"type": "es_rejected_execution_exception", "reason": "queue full"})
                    STATS["retryable"] += 1
                    errors = True
                elif FAULTS["reject_marker"] and FAULTS["reject_marker"] in lines[n + 1].decode("utf-8", "replace"):
                    item.update(status=400, error={"type": "mapper_parsing_exception", "reason": "failed to parse field [vigil.x]"})
                    STATS["rejected"] += 1
                    errors = True
                elif op == "create" and (index, doc_id) in DOCS:
                    item.update(status=409, error={"type": "version_conflict_engine_exception",
                                                   "reason": "[%s]: version conflict, document already exists" % doc_id})
                    STATS["conflicts"] += 1
                    errors = True
                elif op in ("create", "index"):
                    DOCS[(index, doc_id)] = source
                    persist(index, doc_id, source)
                    STATS["created"] += 1
                    item.update(status=201, result="created")
                else:
                    item.update(status=400, error={"type": "illegal_argument_exception", "reason": "unknown op " + op})
                    errors = True
                items.append({op: item})
            slow = FAULTS["slow_ms"]
        if slow:
            time.sleep(slow / 1000)
        self.reply(200, {"took": 1, "errors": errors, "items": items})


def main():
    global STORE
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--store", required=True)
    p.add_argument("--ready-file")
    p.add_argument("--faults", default="{}")
    a = p.parse_args()
    FAULTS.update(json.loads(a.faults))
    load(a.store)
    STORE = open(a.store, "a")
    server = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    server.daemon_threads = True
    if a.ready_file:
        with open(a.ready_file, "w") as f:
            f.write(str(os.getpid()))
    server.serve_forever()


if __name__ == "__main__":
    sys.exit(main())
