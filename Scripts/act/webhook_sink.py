"""Stands in for Slack's incoming webhooks on 127.0.0.1: appends each POSTed JSON body as one line to a file.

    python3 webhook_sink.py PORT OUT.jsonl        (standard library only)
"""
import http.server
import json
import sys

port, out = int(sys.argv[1]), sys.argv[2]


class Sink(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        with open(out, "a") as handle:
            handle.write(json.dumps({"path": self.path, "body": json.loads(body)}) + "\n")
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def do_GET(self):
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", port), Sink).serve_forever()
