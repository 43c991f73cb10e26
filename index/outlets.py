"""The outlet an article is credited to, by name: never a bare id.

In order: the source (front matter, `--source`, a feed's name for it); the
site's own name (og:site_name, captured at web ingest) or a readable name
from the URL's host; the feed's title; and only where none of these exists,
a short form of the title.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Hosts whose readable name is not the host itself (the outlets most often met).
_KNOWN_HOSTS = {
    "nytimes.com": "New York Times",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
    "foxnews.com": "Fox News",
    "huffpost.com": "HuffPost",
    "huffingtonpost.com": "HuffPost",
    "theguardian.com": "The Guardian",
    "washingtonpost.com": "Washington Post",
    "reuters.com": "Reuters",
    "apnews.com": "AP News",
    "cnn.com": "CNN",
    "aljazeera.com": "Al Jazeera",
    "wsj.com": "Wall Street Journal",
    "npr.org": "NPR",
    "ft.com": "Financial Times",
}
# Host prefixes that name a version of the site, not the outlet.
_HOST_PREFIXES = ("www.", "www1.", "www2.", "m.", "mobile.", "amp.")

SHORT_TITLE_WORDS = 3
SHORT_TITLE_LENGTH = 24
UNTITLED = "Untitled article"


def host_name(url: str) -> str:
    """A readable name for the site at `url`: a well-known outlet's name
    ('https://www.nytimes.com/…' -> 'New York Times'), else the host without
    its `www.`-style prefix ('www.example.co.uk' -> 'example.co.uk'); '' for no host."""
    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""
    changed = True
    while changed:
        changed = False
        for prefix in _HOST_PREFIXES:
            if host.startswith(prefix) and "." in host[len(prefix) :]:
                host, changed = host[len(prefix) :], True
    for known, name in _KNOWN_HOSTS.items():
        if host == known or host.endswith("." + known):
            return name
    return host


def short_title(title: str) -> str:
    """The first few words of the title, cut at a word with '…' ('Russia
    Pioneers Diplomatic Recognition…'); `UNTITLED` for an empty title."""
    words = title.split()
    if not words:
        return UNTITLED
    kept: list[str] = []
    for word in words[:SHORT_TITLE_WORDS]:
        if kept and len(" ".join([*kept, word])) > SHORT_TITLE_LENGTH:
            break
        kept.append(word)
    text = " ".join(kept)
    if len(text) > SHORT_TITLE_LENGTH:
        text = text[: SHORT_TITLE_LENGTH - 1].rstrip()
    return text + ("…" if len(kept) < len(words) or text != " ".join(kept) else "")


def outlet_name(source: str = "", url: str = "", site_name: str = "", feed_title: str = "", title: str = "") -> str:
    """The outlet to show for an article: see the module's docstring for the order."""
    for name in (source, site_name):
        if name and not name.isspace():
            return " ".join(name.split())
    host = host_name(url) if url else ""  # parsed only when needed: lists make thousands of these
    if host:
        return host
    if feed_title and not feed_title.isspace():
        return " ".join(feed_title.split())
    return short_title(" ".join(title.split()))


def is_named(outlet: str, title: str) -> bool:
    """Whether `outlet` (as `outlet_name` gave it) is a real name: the source,
    site, host or feed, not the title's first words standing in for one.
    Where the title is on screen beside it, a stand-in only repeats it."""
    return outlet != short_title(" ".join(title.split()))
