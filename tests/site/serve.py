"""A static file server for the built site, on 127.0.0.1, counting the bytes it sends."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, BinaryIO


class Counted(SimpleHTTPRequestHandler):
    """Serves a folder quietly, with the types a JupyterLite site needs, and counts bytes."""

    extensions_map = SimpleHTTPRequestHandler.extensions_map | {
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
    }
    sent: list[tuple[str, int]]

    def copyfile(self, source: BinaryIO, outputfile: Any) -> None:
        """Send the file and note its path and size."""
        self.sent.append((self.path, os.fstat(source.fileno()).st_size))
        super().copyfile(source, outputfile)

    def log_message(self, format: str, *args: Any) -> None:
        """Say nothing: the test reads ``sent`` instead."""


@contextmanager
def serve(folder: Path) -> Iterator[tuple[str, list[tuple[str, int]]]]:
    """Serve ``folder`` on 127.0.0.1 in a thread: yield its URL and the (path, bytes) sent."""
    sent: list[tuple[str, int]] = []
    handler = type("Handler", (Counted,), {"sent": sent})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", sent
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
