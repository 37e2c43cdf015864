"""A real HTTP server on a loopback address, for tests that need actual connections.

Each route answers (status, headers, body); `trickle` sends the body a byte at a time, slowly,
so a test can kill a process in the middle of a download. Every request is recorded, so a test
can assert that a refused URL never reached the server at all.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TypeVar

Server = TypeVar("Server", bound=ThreadingHTTPServer)


@contextmanager
def running(server: Server) -> Iterator[Server]:
    """Serve on a thread of its own until the block ends; then stop and close the socket.

    Every loopback peer of the tests and benchmarks starts this way.
    """
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Page:
    body: bytes
    content_type: str = "application/rss+xml"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    trickle: float = 0.0  # seconds between bytes


class Site:
    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.routes: dict[str, Page] = {}
        self.hits: list[tuple[str, str | None]] = []  # (path, Host header)
        self.lock = threading.Lock()

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    def url(self, path: str, host: str | None = None) -> str:
        address = self.server.server_address[0]  # str for an AF_INET server; typeshed says bytes too
        assert isinstance(address, str)
        return f"http://{host or address}:{self.port}{path}"

    def serve(self, path: str, body: bytes | str, **options: object) -> None:
        data = body.encode() if isinstance(body, str) else body
        self.routes[path] = Page(data, **options)  # type: ignore[arg-type]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            with site.lock:
                site.hits.append((self.path, self.headers.get("Host")))
            page = site.routes.get(self.path, Page(b"not found", "text/plain", 404))
            self.send_response(page.status)
            self.send_header("Content-Type", page.content_type)
            for key, value in page.headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(page.body)))
            self.end_headers()
            try:
                if page.trickle:
                    for byte in page.body:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                        time.sleep(page.trickle)
                else:
                    self.wfile.write(page.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client went away (or was killed): nothing to do

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler


@contextmanager
def running_site(host: str = "127.0.0.1") -> Iterator[Site]:
    server = ThreadingHTTPServer((host, 0), BaseHTTPRequestHandler)
    site = Site(server)
    server.RequestHandlerClass = _handler(site)
    with running(server):
        yield site
