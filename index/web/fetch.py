"""Fetch one web page or feed over HTTP(S), within fixed limits.

Our own client rather than the extractor's downloader (which refuses
127.0.0.1, where the tests serve their pages). Every failure is a
FetchError whose message is one line naming the URL, the cause and what to
do. `fetch` keeps no state of its own, so threads may share one client
from `make_client` (a feed refresh runs several fetches at once).
"""

from __future__ import annotations

import codecs
import errno
import functools
import re
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from importlib import metadata
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from index.ingest.decode import UnreadableInput, decode_bytes
from index.web.errors import FetchError

Accept = Literal["page", "feed", "feed-or-page"]


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    total_timeout: float = 30.0
    """Seconds for the whole fetch, redirects and body included."""
    max_redirects: int = 5
    max_bytes: int = 10 * 1024 * 1024
    max_retry_wait: float = 10.0
    """A 429 asking to wait this long or less is retried once; longer is an error."""


DEFAULT_LIMITS = FetchLimits()


@dataclass(frozen=True)
class Fetched:
    url: str
    """The URL asked for."""
    final_url: str
    """Where the redirects ended."""
    status: int
    content_type: str
    """The media type alone, lower case (`text/html`); "" if the server gave none."""
    text: str
    """The decoded body; "" for a 304."""
    encoding: str
    """The codec the body was decoded with; "" for a 304."""
    etag: str | None
    last_modified: str | None
    not_modified: bool
    """The server answered 304 to a conditional request: nothing changed."""


def _version() -> str:
    try:
        return metadata.version("newsreader")
    except metadata.PackageNotFoundError:
        return "0"


def _homepage() -> str | None:
    """The project's home page from its metadata, if it declares one."""
    try:
        meta = metadata.metadata("newsreader")
    except metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        _, _, address = entry.partition(",")
        if address.strip():
            return address.strip()
    home = meta.get_all("Home-page") or []
    return home[0] if home else None


@functools.cache
def user_agent() -> str:
    """Says what we are, with no browser disguise, so sites can tell and reach us."""
    homepage = _homepage()
    about = f"+{homepage}; terminal news reader" if homepage else "terminal news reader"
    return f"newsreader/{_version()} ({about}; httpx/{httpx.__version__})"


_ACCEPT_HEADERS = {
    "page": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "feed": (
        "application/rss+xml,application/atom+xml,application/feed+json,application/rdf+xml,"
        "application/xml;q=0.9,text/xml;q=0.9,application/json;q=0.8,*/*;q=0.1"
    ),
    "feed-or-page": (
        "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,"
        "text/xml;q=0.9,text/html;q=0.8,application/xhtml+xml;q=0.8,*/*;q=0.1"
    ),
}
_PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# text/plain: many servers (raw file hosts, misconfigured blogs) send feeds as plain text.
_FEED_TYPES = frozenset(
    {
        "application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json",
        "application/xml", "text/xml", "application/json", "text/plain", "application/x-rss+xml",
    }
)  # fmt: skip
_ACCEPTED_TYPES = {"page": _PAGE_TYPES, "feed": _FEED_TYPES, "feed-or-page": _PAGE_TYPES | _FEED_TYPES}
_WHAT = {"page": "a web page", "feed": "a feed", "feed-or-page": "a web page or a feed"}

_REDIRECTS = frozenset({301, 302, 303, 307, 308})


def make_client(limits: FetchLimits = DEFAULT_LIMITS) -> httpx.Client:
    """A client for many fetches (connections are reused); safe to share between threads.

    Redirects are followed by `fetch` itself, to count them, spot loops and
    keep them within the total deadline."""
    return httpx.Client(
        headers={"User-Agent": user_agent()},
        timeout=httpx.Timeout(limits.total_timeout, connect=limits.connect_timeout),
        follow_redirects=False,
        limits=httpx.Limits(max_connections=16, max_keepalive_connections=8),
    )


def fetch(
    url: str,
    *,
    accept: Accept = "page",
    etag: str | None = None,
    last_modified: str | None = None,
    client: httpx.Client | None = None,
    limits: FetchLimits = DEFAULT_LIMITS,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    """GET `url` (a page, a feed, or either by `accept`), following redirects.

    `etag` / `last_modified` from an earlier fetch make the request
    conditional: an unchanged resource comes back with `not_modified`.
    Raises FetchError. `sleep` is how a 429's Retry-After is waited out
    (tests pass their own)."""
    _check_url(url, url)
    if client is None:
        with make_client(limits) as own:
            return _fetch(url, accept, etag, last_modified, own, limits, sleep)
    return _fetch(url, accept, etag, last_modified, client, limits, sleep)


def _fetch(
    url: str,
    accept: Accept,
    etag: str | None,
    last_modified: str | None,
    client: httpx.Client,
    limits: FetchLimits,
    sleep: Callable[[float], None],
) -> Fetched:
    try:
        return _attempt(url, accept, etag, last_modified, client, limits)
    except _RateLimited as limited:
        if limited.wait is None or limited.wait > limits.max_retry_wait:
            raise limited.error from None
        sleep(limited.wait)
    try:
        return _attempt(url, accept, etag, last_modified, client, limits)
    except _RateLimited as again:  # once only: never a retry loop
        raise again.error from None


class _RateLimited(Exception):
    def __init__(self, error: FetchError, wait: float | None) -> None:
        self.error = error
        self.wait = wait


def _check_url(asked: str, url: str) -> None:
    """Only http(s) URLs with a host; `asked` is the URL the error names."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        raise FetchError(asked, "invalid-url", f"{url} is not a valid URL", "check the address") from None
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"{parts.scheme}: URLs" if parts.scheme else "a URL without http:// or https://"
        raise FetchError(asked, "invalid-url", f"{scheme} cannot be fetched", "give an http:// or https:// URL")
    if not parts.hostname:
        raise FetchError(asked, "invalid-url", "the URL has no host name", "check the address")


def _attempt(
    url: str,
    accept: Accept,
    etag: str | None,
    last_modified: str | None,
    client: httpx.Client,
    limits: FetchLimits,
) -> Fetched:
    deadline = time.monotonic() + limits.total_timeout
    headers = {"Accept": _ACCEPT_HEADERS[accept], "User-Agent": user_agent()}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    seen = {url}
    for _hop in range(limits.max_redirects + 1):
        with _Request(url, current, headers, client, limits, deadline) as response:
            status = response.status_code
            if status in _REDIRECTS and "location" in response.headers:
                target = urljoin(current, response.headers["location"].strip())
                _check_url(url, target)
                # A site may set a cookie and send us back to the same address: that is
                # not a loop (the hop limit still bounds it).
                if target in seen and "set-cookie" not in response.headers:
                    raise FetchError(
                        url, "redirects", f"redirect loop ({current} leads back to {target})",
                        "the site is misconfigured: try the address in a browser",
                    )  # fmt: skip
                seen.add(target)
                current = target
                continue
            return _finish(url, current, response, accept, limits, deadline)
    raise FetchError(
        url, "redirects", f"more than {limits.max_redirects} redirects (last to {current})",
        "try the final address directly",
    )  # fmt: skip


class _Request:
    """A streamed request as a context manager, its httpx errors turned into FetchErrors."""

    def __init__(
        self, url: str, current: str, headers: dict[str, str], client: httpx.Client,
        limits: FetchLimits, deadline: float,
    ) -> None:  # fmt: skip
        self.url, self.limits, self.deadline = url, limits, deadline
        remaining = max(0.001, deadline - time.monotonic())
        # A read may wait for the rest of the deadline but at most connect_timeout at a
        # time, so a server that stalls mid-body is noticed soon after the deadline.
        timeout = httpx.Timeout(
            min(remaining, limits.total_timeout),
            connect=min(remaining, limits.connect_timeout),
            read=min(remaining, limits.connect_timeout),
        )
        try:
            request = client.build_request("GET", current, headers=headers, timeout=timeout)
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as error:
            raise FetchError(
                url, "invalid-url", f"{current} is not a valid URL ({error})", "check the address"
            ) from None
        self.request = request
        self.client = client
        self.response: httpx.Response | None = None

    def __enter__(self) -> httpx.Response:
        try:
            self.response = self.client.send(self.request, stream=True)
        except httpx.HTTPError as error:
            raise _transport_error(self.url, self.request.url.host, error, self.limits) from None
        return self.response

    def __exit__(self, *exc: object) -> None:
        if self.response is not None:
            self.response.close()


def _transport_error(url: str, host: str, error: httpx.HTTPError, limits: FetchLimits) -> FetchError:
    """The one-line FetchError for a failed connection or transfer."""
    if isinstance(error, httpx.TimeoutException):
        what = (
            "connecting" if isinstance(error, (httpx.ConnectTimeout, httpx.PoolTimeout)) else "waiting for the server"
        )
        return FetchError(url, "timeout", f"timed out {what}", "the site is slow or down: try again later")
    causes = _causes(error)
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            return FetchError(
                url, "dns", f"the host name {host} could not be found",
                "check the address and your network connection",
            )  # fmt: skip
        if isinstance(cause, ssl.SSLCertVerificationError):
            reason = cause.verify_message or "certificate not trusted"
            return FetchError(
                url,
                "tls",
                f"the site's certificate failed: {reason}",
                "the site's certificate is wrong: check the address",
            )
        if isinstance(cause, ssl.SSLError):
            return FetchError(
                url,
                "tls",
                f"secure connection failed ({cause.reason or cause})",
                "check whether the address should start with http://, or try again later",
            )
        if isinstance(cause, ConnectionRefusedError):
            return FetchError(url, "refused", f"{host} refused the connection", "check the address and port")
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH, errno.EHOSTDOWN):
            return FetchError(url, "unreachable", f"{host} cannot be reached", "check your network connection")
    text = str(error) or type(error).__name__
    lowered = text.lower()
    if "name or service not known" in lowered or "nodename nor servname" in lowered or "name resolution" in lowered:
        return FetchError(url, "dns", f"the host name {host} could not be found", "check the address")
    if "connection refused" in lowered:
        return FetchError(url, "refused", f"{host} refused the connection", "check the address and port")
    if isinstance(error, httpx.ConnectError):
        return FetchError(url, "unreachable", f"could not connect to {host} ({text})", "check your network connection")
    return FetchError(url, "connection", f"the connection failed ({text})", "try again later")


def _causes(error: BaseException) -> list[BaseException]:
    """The chain of causes under an httpx error (httpx wraps httpcore, which wraps the OSError)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain and len(chain) < 10:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _finish(
    url: str, final_url: str, response: httpx.Response, accept: Accept, limits: FetchLimits, deadline: float
) -> Fetched:
    status = response.status_code
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    media_type, charset = _content_type(response.headers.get("content-type", ""))
    if status == 304:
        return Fetched(url, final_url, status, media_type, "", "", etag, last_modified, True)
    if status == 429:
        raise _rate_limited(url, response.headers.get("retry-after"))
    if status >= 400 or status < 200 or status in _REDIRECTS:
        reason = response.reason_phrase or "error"
        if status >= 500:
            advice = "the site has a problem: try again later"
        elif status in (401, 403, 451):
            advice = "the site does not let newsreader read it"
        else:
            advice = "check the address"
        raise FetchError(url, "http", f"the server answered {status} {reason}", advice, status=status)
    if media_type and media_type not in _ACCEPTED_TYPES[accept]:
        raise FetchError(
            url, "content-type", f"the server sent {media_type}, not {_WHAT[accept]}",
            "give the address of " + _WHAT[accept],
        )  # fmt: skip
    body = _read_body(url, response, limits, deadline)
    text, encoding = _decode(url, body, charset)
    return Fetched(url, final_url, status, media_type, text, encoding, etag, last_modified, False)


def _content_type(header: str) -> tuple[str, str | None]:
    """(media type, charset) from a Content-Type header."""
    media_type, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower(), charset


def _rate_limited(url: str, retry_after: str | None) -> _RateLimited:
    """A 429: wait for Retry-After (seconds or an HTTP date) if it is given."""
    wait = _retry_after_seconds(retry_after)
    if wait is None:
        error = FetchError(url, "rate-limited", "the server is limiting requests (429)", "try again later", status=429)
        return _RateLimited(error, None)
    retry_at = time.time() + wait
    when = time.strftime("%H:%M:%S UTC", time.gmtime(retry_at))
    error = FetchError(
        url, "rate-limited", f"the server is limiting requests (429) for {_duration(wait)}",
        f"try again after {when}", status=429, retry_at=retry_at,
    )  # fmt: skip
    return _RateLimited(error, wait)


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def _duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _too_large(url: str, limits: FetchLimits) -> FetchError:
    megabytes = limits.max_bytes / (1024 * 1024)
    return FetchError(
        url, "too-large", f"the body is over the {megabytes:g} MB limit", "it is too large to be an article or a feed"
    )


def _read_body(url: str, response: httpx.Response, limits: FetchLimits, deadline: float) -> bytes:
    """The body, streamed: stops at the size limit or the deadline, whichever comes first."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise _too_large(url, limits)
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():  # no chunk size: each read as it arrives, to check the deadline
            size += len(chunk)
            if size > limits.max_bytes:
                raise _too_large(url, limits)
            if time.monotonic() > deadline:
                raise FetchError(
                    url, "timeout", f"the download took longer than {limits.total_timeout:g} s",
                    "the site is slow or down: try again later",
                )  # fmt: skip
            chunks.append(chunk)
    except httpx.HTTPError as error:
        raise _transport_error(url, response.url.host, error, limits) from None
    return b"".join(chunks)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_BOM_PREFIXES = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _declared_charset(body: bytes) -> str | None:
    """The charset a document declares in its first 4 KB: XML declaration or <meta>."""
    head = body[:4096]
    match = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    return match.group(1).decode("ascii") if match else None


def _codec(name: str | None) -> str | None:
    """Python's codec for a charset label, or None if unknown. Latin-1 and ASCII labels
    mean windows-1252 on the web (the HTML standard's rule, as every browser does)."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in ("latin-1", "iso8859-1", "ascii") else codec


def _decode(url: str, body: bytes, header_charset: str | None) -> tuple[str, str]:
    """The body as text: a BOM wins, then the header's charset, then the
    document's own declaration, then a guess (UTF-8, else a legacy codec)."""
    if not body.strip():
        return "", "utf-8"  # nothing to decode; the extractor or feed parser says what is missing
    if not body.startswith(_BOM_PREFIXES):
        for label, in_document in ((header_charset, False), (_declared_charset(body), True)):
            codec = _codec(label)
            # A document read as ASCII to find its declaration cannot be UTF-16 or UTF-32.
            if codec is None or (in_document and codec.startswith(("utf-16", "utf-32"))):
                continue
            text = _lenient(body, codec)
            if text is not None:
                return text, codec
    try:
        decoded = decode_bytes(body)
    except UnreadableInput as error:
        raise FetchError(url, "undecodable", f"the body {error}", "this is not a text page or feed") from None
    return decoded.text, decoded.encoding


def _lenient(body: bytes, codec: str) -> str | None:
    """`body` in its declared codec, tolerating a stray bad byte (real pages have them)
    but not a wrong declaration (many bad bytes): then None, and the guess decides."""
    try:
        return body.decode(codec)
    except UnicodeDecodeError:
        pass
    text = body.decode(codec, errors="replace")
    bad = text.count("\ufffd")
    # Real UTF-8 with a stray byte still has far more good non-ASCII characters than bad
    # ones; a Windows-1252 page labelled UTF-8 has almost none.
    good = sum(1 for c in text if c > "\x7f") - bad
    return text if bad <= len(text) // 100 and good > bad else None
