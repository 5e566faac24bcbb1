"""Serve a built site on 127.0.0.1 with gzip, as a static host would, for Lighthouse: ``serve_gzip.py DIR PORT``."""

from __future__ import annotations

import functools
import gzip
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/wasm")


class GzipHandler(SimpleHTTPRequestHandler):
    def send_head(self):
        path = self.translate_path(self.path)
        if path.endswith("/") or not path.rsplit("/", 1)[-1]:
            path += "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        kind = self.guess_type(path)
        if not accepts or not kind.startswith(COMPRESSIBLE):
            return super().send_head()
        try:
            with open(path, "rb") as f:
                body = gzip.compress(f.read(), mtime=0)
        except OSError:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        self.wfile.write(body)
        return None

    def log_message(self, *args):
        pass


def main(directory: str, port: str) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", int(port)), functools.partial(GzipHandler, directory=directory))
    server.serve_forever()


if __name__ == "__main__":
    main(*sys.argv[1:3])
