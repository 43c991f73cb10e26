"""The one error a fetch raises: a single line naming the URL, the cause and what to do."""

from __future__ import annotations

from index.errors import LibraryError


class FetchError(LibraryError):
    """A URL that could not be fetched; str() is the one-line message.

    `kind` lets callers group failures without parsing the message (a feed
    refresh records it as the feed's last error): one of "invalid-url",
    "dns", "refused", "unreachable", "timeout", "tls", "connection", "http",
    "rate-limited", "redirects", "content-type", "too-large", "undecodable".
    """

    def __init__(
        self,
        url: str,
        kind: str,
        cause: str,
        advice: str,
        *,
        status: int | None = None,
        retry_at: float | None = None,
    ) -> None:
        self.url = url
        self.kind = kind
        self.cause = cause = _one_line(cause)
        self.advice = advice
        self.status = status
        # For "rate-limited": when (time.time()) the server says to try again.
        self.retry_at = retry_at
        super().__init__(f"{_one_line(url)}: {cause}; {advice}")


def _one_line(text: str) -> str:
    """URLs come from users and servers: keep control characters out of the message."""
    return "".join(c if c.isprintable() else "?" for c in text)[:300]
