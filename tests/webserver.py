"""A local HTTP server for tests: pages, feeds and every way a fetch can go wrong.

    with serve() as server:
        fetch(server.url("/page.html"))
        server.add("/mine.xml", b"<rss/>", "application/rss+xml")

It listens on 127.0.0.1 on a free port, in a thread, and never touches the
internet. `server.requests` records each request's path and headers.
Built-in routes (see `_builtin_routes`): pages in each charset source,
feeds, redirects, redirect loops, conditional GET, error statuses, 429s,
slow and stalled bodies, huge bodies and wrong content types, and a news
story with canonical and AMP versions (`_news_routes`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

Handler = Callable[["Request"], None]

ETAG = '"v1-5f3a"'
LAST_MODIFIED = "Mon, 02 Jun 2025 08:00:00 GMT"

PAGE = "<html><head><title>Café</title></head><body><p>Déjà vu — naïve café.</p></body></html>"
RUSSIAN = "Россия признала правительство талибов."
RSS = (
    '<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel><title>Café Feed</title>'
    "<link>http://example.org/</link><item><title>Déjà vu</title><link>http://example.org/1</link></item>"
    "</channel></rss>"
)


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


@dataclass
class Request:
    """What a route handler gets: the request, and ways to answer it."""

    handler: BaseHTTPRequestHandler
    server: LocalServer
    path: str
    query: str

    @property
    def headers(self) -> dict[str, str]:
        return {k.lower(): v for k, v in self.handler.headers.items()}

    def respond(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        headers = dict(headers or {})
        headers.setdefault("Content-Length", str(len(body)))
        self.handler.send_response(status)
        for name, value in headers.items():
            self.handler.send_header(name, value)
        self.handler.end_headers()
        if body:
            self.handler.wfile.write(body)

    def start(self, status: int, headers: dict[str, str]) -> None:
        """Headers only: the handler then writes the body with `write` (ended by closing)."""
        self.handler.send_response(status)
        for name, value in headers.items():
            self.handler.send_header(name, value)
        self.handler.end_headers()

    def write(self, data: bytes) -> None:
        self.handler.wfile.write(data)
        self.handler.wfile.flush()

    def count(self) -> int:
        """How many times this path and query has been asked for, this one included."""
        return self.server.bump(f"{self.path}?{self.query}")


def page(body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200) -> Handler:
    data = body.encode("utf-8") if isinstance(body, str) else body

    def handle(request: Request) -> None:
        request.respond(status, data, {"Content-Type": content_type} if content_type else {})

    return handle


def news_page(title: str, detail: str, *, canonical: str = "", amp: str = "", paragraphs: int = 6) -> bytes:
    """An article page long enough to extract: `canonical` is its <link rel="canonical">
    href (may be relative), `amp` its <html> tag's AMP attribute ("amp" or "⚡")."""
    text = "".join(
        f"<p>{escape(title)}: {escape(detail)}, and officials gave details number {n} in a long statement "
        "that explained the decision, its cost and the timetable to residents.</p>"
        for n in range(paragraphs)
    )
    link = f'<link rel="canonical" href="{escape(canonical)}">' if canonical else ""
    return (
        f"<!doctype html><html {amp} lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>{link}</head>"
        f"<body><nav>Home News</nav><article><h1>{escape(title)}</h1>{text}</article></body></html>"
    ).encode()


def _news_routes() -> dict[str, Handler]:
    """One story at its address, its AMP version, and AMP pages whose canonical
    page is missing or is itself an AMP page pointing back."""
    return {
        "/news/quay.html": page(news_page("Quay reopens", "the full story", canonical="/news/quay.html")),
        "/amp/news/quay.html": page(news_page("Quay reopens", "the AMP story", canonical="/news/quay.html",
                                              amp="amp", paragraphs=3)),
        "/news/lost.amp.html": page(news_page("Lost story", "only the AMP page", canonical="/news/lost.html",
                                              amp="⚡")),
        "/amp/ping.html": page(news_page("Ping", "an AMP page", canonical="/ping.html", amp="amp")),
        "/ping.html": page(news_page("Pong", "an AMP canonical", canonical="/amp/ping.html", amp="amp")),
        "/news/moved-quay": redirect("/news/quay.html", 301),
    }  # fmt: skip


def redirect(to: str, status: int = 302) -> Handler:
    def handle(request: Request) -> None:
        request.respond(status, b"", {"Location": to})

    return handle


def _redirect_chain(request: Request) -> None:
    """/redirect/N redirects N times (relative Locations), then serves the page."""
    left = int(request.path.rsplit("/", 1)[1])
    if left == 0:
        request.respond(200, PAGE.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})
    else:
        request.respond(301, b"", {"Location": str(left - 1)})


def _cookie_gate(request: Request) -> None:
    """Sets a cookie and redirects back to itself; serves the page once the cookie comes back."""
    if "gate=open" in request.headers.get("cookie", ""):
        request.respond(200, PAGE.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})
    else:
        request.respond(302, b"", {"Location": "/cookie-gate", "Set-Cookie": "gate=open; Path=/"})


def _conditional(request: Request) -> None:
    """ETag and Last-Modified: 304 when the client already has this version."""
    headers = request.headers
    unchanged = headers.get("if-none-match") == ETAG or headers.get("if-modified-since") == LAST_MODIFIED
    validators = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
    if unchanged:
        request.respond(304, b"", validators)
    else:
        body = RSS.format(encoding="utf-8").encode("utf-8")
        request.respond(200, body, {"Content-Type": "application/rss+xml", **validators})


def _rate_limited(wait: str) -> Handler:
    """429 with Retry-After the first time each URL (path and query) is asked, then the page."""

    def handle(request: Request) -> None:
        if request.count() == 1 or wait != "1":
            request.respond(429, b"slow down", {"Retry-After": wait, "Content-Type": "text/plain"})
        else:
            request.respond(200, PAGE.encode("utf-8"), {"Content-Type": "text/html; charset=utf-8"})

    return handle


def _drip(request: Request) -> None:
    """Headers at once, then a byte every 0.1 s for 10 s: each read is quick, the whole is slow."""
    request.start(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": "100"})
    for _ in range(100):
        request.write(b"x")
        time.sleep(0.1)


def _stall(request: Request) -> None:
    """Headers and part of the body, then nothing for 10 s."""
    request.start(200, {"Content-Type": "text/html; charset=utf-8", "Content-Length": "1000"})
    request.write(b"<html>")
    time.sleep(10)


def _huge(request: Request) -> None:
    """11 MB, declared in Content-Length."""
    size = 11 * 1024 * 1024
    request.start(200, {"Content-Type": "text/html", "Content-Length": str(size)})
    chunk = b"a" * 65536
    for _ in range(size // len(chunk)):
        request.write(chunk)


def _endless(request: Request) -> None:
    """A body with no declared length that never ends: the client must stop reading."""
    request.start(200, {"Content-Type": "text/html"})
    chunk = b"<p>" + b"a" * 65533
    sent = 0
    while sent < 100 * 1024 * 1024:  # a bound, so a broken client cannot hang the test run
        request.write(chunk)
        sent += len(chunk)
        request.server.endless_sent = sent


def _builtin_routes() -> dict[str, Handler]:
    cp1252_page = PAGE.replace("<title>", '<meta charset="windows-1252"><title>').encode("cp1252")
    # KOI8-R: a guess (UTF-8, then Windows-1252) would read it wrongly, so only the <meta> can get it right.
    equiv_page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'
        f"<title>Новости</title></head><body><p>{RUSSIAN}</p></body></html>"
    ).encode("koi8-r")
    routes: dict[str, Handler] = {
        "/page.html": page(PAGE),
        "/header-charset.html": page(PAGE.encode("cp1252"), "text/html; charset=windows-1252"),
        "/meta-charset.html": page(cp1252_page, "text/html"),
        "/http-equiv.html": page(equiv_page, "text/html"),
        "/guess-cp1252.html": page(PAGE.encode("cp1252"), "text/html"),
        "/guess-utf8.html": page(PAGE, "text/html"),
        "/wrong-header.html": page(PAGE.encode("cp1252"), "text/html; charset=utf-8"),
        "/bogus-charset.html": page(PAGE, "text/html; charset=x-no-such-charset"),
        "/no-content-type.html": page(PAGE, ""),
        "/binary.html": page(bytes(range(256)) * 64, "text/html"),
        "/empty.html": page(b"", "text/html"),
        "/feed.xml": page(RSS.format(encoding="ISO-8859-1").encode("latin-1"), "application/rss+xml"),
        "/atom.xml": page(
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title></feed>',
            "application/atom+xml",
        ),
        "/feed.json": page('{"version": "https://jsonfeed.org/version/1.1", "title": "J"}', "application/feed+json"),
        "/image.png": page(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "image/png"),
        "/moved": redirect("/page.html", 301),
        "/loop-a": redirect("/loop-b"),
        "/loop-b": redirect("/loop-a"),
        "/to-ftp": redirect("ftp://example.org/file"),
        "/conditional.xml": _conditional,
        "/cookie-gate": _cookie_gate,
        "/status/404": page("<h1>Not here</h1>", status=404),
        "/status/500": page("<h1>Broken</h1>", status=500),
        "/status/403": page("<h1>No</h1>", status=403),
        "/rate/short": _rate_limited("1"),
        "/rate/long": _rate_limited("3600"),
        "/rate/date": _rate_limited("Wed, 21 Oct 2099 07:28:00 GMT"),
        "/slow/drip": _drip,
        "/slow/stall": _stall,
        "/huge": _huge,
        "/endless": _endless,
    }
    for hops in range(0, 10):
        routes[f"/redirect/{hops}"] = _redirect_chain
    routes.update(_news_routes())
    return routes


@dataclass
class LocalServer:
    host: str
    port: int
    routes: dict[str, Handler]
    requests: list[Seen] = field(default_factory=list)
    endless_sent: int = 0
    _counts: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def add(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8", status: int = 200):
        """Serve `body` at `path` from now on."""
        self.routes[path] = page(body, content_type, status)

    def bump(self, key: str) -> int:
        with self._lock:
            self._counts[key] = self._counts.get(key, 0) + 1
            return self._counts[key]

    def seen(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path == path]


def _handler_class(server: LocalServer) -> type[BaseHTTPRequestHandler]:
    class _Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 -- the name http.server calls
            parts = urlsplit(self.path)
            with server._lock:
                server.requests.append(Seen(parts.path, {k.lower(): v for k, v in self.headers.items()}))
            route = server.routes.get(parts.path)
            request = Request(self, server, parts.path, parts.query)
            try:
                if route is None:
                    request.respond(404, b"no such route", {"Content-Type": "text/plain"})
                else:
                    route(request)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading, as it should for huge and slow bodies

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep test output clean

    return _Handler


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up mid-answer is what several routes test


@contextmanager
def serve(routes: dict[str, Handler] | None = None) -> Iterator[LocalServer]:
    """A running server with the built-in routes plus `routes`; stopped on exit."""
    server = LocalServer("127.0.0.1", 0, {**_builtin_routes(), **(routes or {})})
    httpd = _Server(("127.0.0.1", 0), _handler_class(server))
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
