"""Fetching pages and feeds (index/web/fetch.py) against a local server, and URL handling."""

from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from index.errors import LibraryError
from index.web.errors import FetchError
from index.web.fetch import FetchLimits, fetch, make_client, user_agent
from index.web.urls import is_url, normalize_url, url_slug

from .webserver import ETAG, LAST_MODIFIED, RUSSIAN, serve

TEXT = "Déjà vu — naïve café."


@pytest.fixture(scope="module")
def server():
    with serve() as running:
        yield running


def _error(url: str, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetch(url, **kwargs)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert message.startswith(url[:300])
    return caught.value


# Decoding: header, then the document's declaration, then a guess.


@pytest.mark.parametrize(
    ("path", "encoding"),
    [
        ("/page.html", "utf-8"),
        ("/header-charset.html", "cp1252"),
        ("/meta-charset.html", "cp1252"),
        ("/guess-cp1252.html", "cp1252"),
        ("/guess-utf8.html", "utf-8"),
        ("/wrong-header.html", "cp1252"),
        ("/bogus-charset.html", "utf-8"),
        ("/no-content-type.html", "utf-8"),
    ],
)
def test_page_decoded_from_each_charset_source(server, path, encoding):
    page = fetch(server.url(path))
    assert TEXT in page.text
    assert page.encoding == encoding
    assert page.status == 200 and not page.not_modified
    assert page.url == page.final_url == server.url(path)


def test_page_decoded_from_meta_http_equiv(server):
    page = fetch(server.url("/http-equiv.html"))
    assert RUSSIAN in page.text and page.encoding == "koi8-r"


def test_feed_decoded_from_its_xml_declaration(server):
    feed = fetch(server.url("/feed.xml"), accept="feed")
    assert "Déjà vu" in feed.text and "Café Feed" in feed.text
    assert feed.content_type == "application/rss+xml"
    assert feed.encoding == "cp1252"  # ISO-8859-1 is read as its superset, as browsers do


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/atom.xml", "application/atom+xml"),
        ("/feed.json", "application/feed+json"),
        ("/feed.xml", "application/rss+xml"),
    ],
)
def test_feed_types_accepted_as_feeds(server, path, content_type):
    feed = fetch(server.url(path), accept="feed")
    assert feed.content_type == content_type and feed.text
    assert "application/rss+xml" in server.seen(path)[-1].headers["accept"]


def test_feed_is_not_a_page_and_a_page_is_not_a_feed(server):
    error = _error(server.url("/feed.xml"), accept="page")
    assert error.kind == "content-type" and "application/rss+xml, not a web page" in str(error)
    error = _error(server.url("/page.html"), accept="feed")
    assert "text/html, not a feed" in str(error)
    assert fetch(server.url("/page.html"), accept="feed-or-page").content_type == "text/html"


def test_wrong_content_type_for_a_page(server):
    error = _error(server.url("/image.png"))
    assert error.kind == "content-type"
    assert "image/png" in str(error)


def test_binary_body_is_undecodable(server):
    error = _error(server.url("/binary.html"))
    assert error.kind == "undecodable" and "binary" in str(error)


def test_empty_body_is_empty_text(server):
    assert fetch(server.url("/empty.html")).text == ""


# Redirects.


def test_redirects_followed_to_the_final_url(server):
    page = fetch(server.url("/moved"))
    assert page.final_url == server.url("/page.html") and page.url == server.url("/moved")
    five = fetch(server.url("/redirect/5"))
    assert five.final_url == server.url("/redirect/0") and TEXT in five.text


def test_six_redirects_are_too_many(server):
    error = _error(server.url("/redirect/6"))
    assert error.kind == "redirects" and "more than 5 redirects" in str(error)


def test_redirect_loop(server):
    error = _error(server.url("/loop-a"))
    assert error.kind == "redirects" and "redirect loop" in str(error)


def test_redirect_back_to_itself_with_a_cookie_is_not_a_loop(server):
    page = fetch(server.url("/cookie-gate"))
    assert page.final_url == server.url("/cookie-gate") and TEXT in page.text


def test_redirect_to_another_scheme(server):
    error = _error(server.url("/to-ftp"))
    assert error.kind == "invalid-url" and "ftp: URLs cannot be fetched" in str(error)


# Error statuses and rate limits.


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (500, "Internal Server Error"), (403, "Forbidden")])
def test_error_status_is_one_line_with_the_status(server, status, reason):
    error = _error(server.url(f"/status/{status}"))
    assert error.kind == "http" and error.status == status
    assert f"the server answered {status} {reason}" in str(error)
    assert isinstance(error, LibraryError)


def test_429_with_short_retry_after_is_retried_once(server):
    waits: list[float] = []
    page = fetch(server.url("/rate/short?k=once"), sleep=waits.append)
    assert waits == [1.0]
    assert TEXT in page.text
    assert len(server.seen("/rate/short")) == 2


def test_429_with_long_retry_after_says_when(server):
    waits: list[float] = []
    error = _error(server.url("/rate/long"), sleep=waits.append)
    assert waits == [] and error.kind == "rate-limited" and error.status == 429
    assert "for 60 min" in str(error) and "try again after " in str(error) and "UTC" in str(error)
    assert error.retry_at is not None and error.retry_at > time.time() + 3500
    assert len(server.seen("/rate/long")) == 1


def test_429_with_retry_after_date(server):
    error = _error(server.url("/rate/date"), sleep=lambda _: None)
    assert "2099" not in str(error)  # said as a time of day and a duration, the date only in retry_at
    assert error.retry_at is not None and time.gmtime(error.retry_at).tm_year == 2099


def test_429_retry_limit_is_configurable(server):
    waits: list[float] = []
    error = _error(server.url("/rate/short?k=limit"), sleep=waits.append, limits=FetchLimits(max_retry_wait=0.5))
    assert waits == [] and error.kind == "rate-limited"


# Conditional GET.


def test_conditional_get(server):
    url = server.url("/conditional.xml")
    first = fetch(url, accept="feed")
    assert not first.not_modified and first.etag == ETAG and first.last_modified == LAST_MODIFIED
    by_etag = fetch(url, accept="feed", etag=first.etag)
    assert by_etag.not_modified and by_etag.status == 304 and by_etag.text == ""
    assert server.seen("/conditional.xml")[-1].headers["if-none-match"] == ETAG
    by_date = fetch(url, accept="feed", last_modified=first.last_modified)
    assert by_date.not_modified
    assert server.seen("/conditional.xml")[-1].headers["if-modified-since"] == LAST_MODIFIED
    assert not fetch(url, accept="feed", etag='"stale"').not_modified


# Limits: size and time.


def test_body_over_the_declared_limit(server):
    started = time.monotonic()
    error = _error(server.url("/huge"))
    assert error.kind == "too-large" and "10 MB limit" in str(error)
    assert time.monotonic() - started < 5


def test_endless_body_stops_at_the_limit(server):
    error = _error(server.url("/endless"))
    assert error.kind == "too-large"
    time.sleep(0.2)
    assert server.endless_sent < 100 * 1024 * 1024  # the server saw the client hang up


def test_slow_body_hits_the_total_deadline(server):
    started = time.monotonic()
    error = _error(server.url("/slow/drip"), limits=FetchLimits(total_timeout=1.0))
    elapsed = time.monotonic() - started
    assert error.kind == "timeout" and "longer than 1 s" in str(error)
    assert 0.9 < elapsed < 3


def test_stalled_body_times_out(server):
    started = time.monotonic()
    error = _error(server.url("/slow/stall"), limits=FetchLimits(total_timeout=1.0))
    assert error.kind == "timeout"
    assert time.monotonic() - started < 3


# Connections.


def test_connection_refused():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    error = _error(f"http://127.0.0.1:{port}/page.html")
    assert error.kind == "refused" and "127.0.0.1 refused the connection" in str(error)


def test_tls_failure(server):
    """https:// to a server that speaks plain HTTP: the handshake fails."""
    error = _error(server.url("/page.html").replace("http://", "https://"))
    assert error.kind == "tls" and "secure connection failed" in str(error)


def test_unknown_host():
    error = _error("http://nonexistent.invalid/")
    assert error.kind == "dns" and "nonexistent.invalid could not be found" in str(error)


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("ftp://example.org/x", "ftp: URLs cannot be fetched"),
        ("file:///etc/passwd", "file: URLs cannot be fetched"),
        ("example.org/page", "without http:// or https://"),
        ("http:///path", "no host name"),
        ("http://example.org:port/", "not a valid URL"),
    ],
)
def test_invalid_urls(url, said):
    error = _error(url)
    assert error.kind == "invalid-url" and said in str(error)


def test_control_characters_kept_out_of_the_message():
    with pytest.raises(FetchError) as caught:
        fetch("gopher://evil\x1b[31m/")
    assert "\x1b" not in str(caught.value)


# Identity and sharing.


def test_user_agent_is_honest(server):
    fetch(server.url("/page.html"))
    agent = server.seen("/page.html")[-1].headers["user-agent"]
    assert agent == user_agent()
    assert agent.startswith("newsreader/0.") and "terminal news reader" in agent and "Mozilla" not in agent
    assert "text/html" in server.seen("/page.html")[-1].headers["accept"]


def test_shared_client_across_threads(server):
    paths = ["/page.html", "/meta-charset.html", "/feed.xml", "/moved", "/redirect/3", "/status/404"] * 3
    with make_client() as client, ThreadPoolExecutor(max_workers=4) as pool:

        def one(path: str) -> str:
            try:
                return fetch(server.url(path), accept="feed-or-page", client=client).final_url
            except FetchError as error:
                return error.kind

        results = list(pool.map(one, paths))
    assert results[:6] == [
        server.url("/page.html"),
        server.url("/meta-charset.html"),
        server.url("/feed.xml"),
        server.url("/page.html"),
        server.url("/redirect/0"),
        "http",
    ]
    assert results == results[:6] * 3


# URLs.


@pytest.mark.parametrize(
    "text",
    ["http://example.org", "https://example.org/a/b?c=1#d", "HTTPS://Example.org/", "http://127.0.0.1:8080/feed.xml"],
)
def test_is_url(text):
    assert is_url(text)


@pytest.mark.parametrize(
    "text",
    ["", "article.html", "/home/me/page.html", "ftp://example.org/x", "http://", "http:///x", "example.org/page",
     "https://example.org/a b", "http://example.org:port/", "file:///tmp/x.html", "C:\\pages\\x.html"],
)  # fmt: skip
def test_is_not_url(text):
    assert not is_url(text)


@pytest.mark.parametrize(
    ("url", "normal"),
    [
        ("HTTP://WWW.Example.ORG/News/Story", "https://example.org/News/Story"),
        ("http://example.org:80/a", "https://example.org/a"),
        ("https://example.org:443/a", "https://example.org/a"),
        ("http://example.org:8080/a", "http://example.org:8080/a"),
        ("https://example.org/a/#comments", "https://example.org/a"),
        ("https://example.org/a///", "https://example.org/a"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/", "https://example.org/"),
        ("https://example.org/?", "https://example.org/"),
        ("https://example.org/a?b=2&a=1", "https://example.org/a?a=1&b=2"),
        ("https://example.org/a?utm_source=rss&utm_medium=feed&id=7", "https://example.org/a?id=7"),
        ("https://example.org/a?fbclid=X&gclid=Y&dclid=Z&msclkid=W", "https://example.org/a"),
        ("https://example.org/a?mc_cid=1&mc_eid=2&igshid=3&ref_src=twsrc&_hsenc=4&_hsmi=5&yclid=6",
         "https://example.org/a"),
        ("https://example.org/a?UTM_Campaign=x&CMP=share_btn_tw", "https://example.org/a"),
        ("https://example.org/a/./b/../c", "https://example.org/a/c"),
        ("https://example.org/caf%c3%a9?q=%7euser", "https://example.org/caf%C3%A9?q=~user"),
        ("https://example.org/2024/story/amp/", "https://example.org/2024/story"),
        ("https://example.org/amp/2024/story", "https://example.org/2024/story"),
        ("https://example.org/story?amp", "https://example.org/story"),
        ("https://example.org/story?amp=1&p=2", "https://example.org/story?p=2"),
        ("https://example.org/story?outputType=amp", "https://example.org/story"),
        ("https://example.org/story?outputType=print", "https://example.org/story?outputType=print"),
        ("https://example.org/story.amp.html", "https://example.org/story.html"),
        ("https://amp.example.org/story", "https://example.org/story"),
        ("https://www.example.org/story.amp", "https://example.org/story"),
        ("https://example.org/example.amp", "https://example.org/example"),
        ("https://example.org/lamp", "https://example.org/lamp"),
        ("https://example.org/a?x&y=", "https://example.org/a?x&y="),
        ("https://www.com/", "https://www.com/"),
        ("http://[::1]:8080/a/", "http://[::1]:8080/a"),
        ("  https://example.org/a  ", "https://example.org/a"),
        ("https://example.org./a", "https://example.org/a"),
        ("mailto:someone@example.org", "mailto:someone@example.org"),
    ],
)  # fmt: skip
def test_normalize_url(url, normal):
    assert normalize_url(url) == normal
    assert normalize_url(normal) == normal  # idempotent


def test_normalize_url_makes_variants_equal():
    variants = [
        "https://www.example.org/world/story-123/?utm_source=twitter&fbclid=abc",
        "http://example.org/world/story-123#top",
        "https://EXAMPLE.org:443/world/story-123/amp/",
        "https://example.org/world/story-123?outputType=amp",
    ]
    assert len({normalize_url(v) for v in variants}) == 1
    assert normalize_url(variants[0]) != normalize_url("https://example.org/world/story-124")
    assert normalize_url("https://example.org/a?id=1") != normalize_url("https://example.org/a?id=2")


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://example.org/2024/05/12/taliban-recognised-by-russia/", "taliban-recognised-by-russia"),
        ("https://www.bbc.co.uk/news/world-asia-68921234", "world-asia-68921234"),
        ("https://example.org/news/story.html", "story"),
        ("https://example.org/politics/Café-Society.amp.html", "cafe-society"),
        ("https://example.org/politics/article/12345", "politics"),
        ("https://example.org/12345", "12345"),
        ("https://www.example.org/", "example-org"),
        ("https://example.org/index.html", "example-org"),
        ("https://example.org/" + "word-" * 30, ("word-" * 12).rstrip("-")),
    ],
)
def test_url_slug(url, slug):
    assert url_slug(url) == slug
    assert len(url_slug(url)) <= 60
