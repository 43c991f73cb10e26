"""URLs: telling them from paths, a comparison key for them, and an id stem from one.

`normalize_url` gives the key under which two URLs are the same page: it
is for comparing (is this page already in the library?), not for fetching,
since it drops parts a server may need (the AMP marker, http vs https).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit

from index.article import slugify

_SCHEMES = ("http", "https")
_DEFAULT_PORTS = {"http": 80, "https": 443}

# Parameters that say where a click came from, never which page it is.
# Only names no site uses for content: `id`, `p`, `page`, `ref`, `source` and `v` stay.
_TRACKING_PREFIXES = ("utm_", "__hs", "ns_", "at_", "pk_", "mtm_", "hsa_", "oly_", "vero_", "fb_action_")
_TRACKING_KEYS = frozenset(
    {
        "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "gad_source", "gad_campaignid", "msclkid",
        "yclid", "twclid", "ttclid", "epik", "li_fat_id", "rb_clickid", "irclickid", "srsltid", "mc_cid", "mc_eid",
        "igshid", "igsh", "ref_src", "ref_url", "_hsenc", "_hsmi", "hsctatracking", "_ga", "_gl", "_openstat",
        "mkt_tok", "ml_subscriber", "ml_subscriber_hash", "_kx", "wickedid", "xtor", "cmp", "cmpid", "ocid",
        "ncid", "icid", "s_cid", "s_kwcid", "ef_id", "sc_cid", "smid", "smtyp", "sr_share", "ito", "spm", "cvid",
        "fb_ref", "fb_source", "action_object_map", "action_type_map", "action_ref_map", "guccounter",
        "guce_referrer", "guce_referrer_sig", "soc_src", "soc_trk", "cm_mmc", "cm_ven", "wt.mc_id", "wt_mc",
        "wt_zmc", "_branch_match_id", "tt_medium", "tt_content",
    }
)  # fmt: skip

# Percent escapes of unreserved characters mean the character itself (RFC 3986 6.2.2.2).
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_GENERIC_SEGMENTS = frozenset({"article", "articles", "story", "stories", "news", "post", "posts", "p", "a"})
_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".php", ".aspx", ".asp", ".jsp", ".cms")
_AMP_SUFFIXES = (".amp", ".amp.html", ".amp.htm")


def is_url(text: str) -> bool:
    """An http(s) URL with a host: what `add` fetches rather than reads from disk."""
    text = text.strip()
    if not text or any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 -- raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme.lower() in _SCHEMES and bool(parts.hostname)


def _normal_escapes(text: str) -> str:
    """Upper-case hex in escapes, and unreserved characters unescaped."""

    def fix(match: re.Match[str]) -> str:
        char = chr(int(match.group(1), 16))
        return char if char in _UNRESERVED else "%" + match.group(1).upper()

    return _ESCAPE.sub(fix, text)


def _without_dot_segments(segments: list[str]) -> list[str]:
    out: list[str] = []
    for segment in segments:
        if segment == "..":
            if out:
                out.pop()
        elif segment != ".":
            out.append(segment)
    return out


def _is_amp_segment(segment: str) -> bool:
    return segment.lower() == "amp"


def _path(path: str) -> str:
    """Dot segments, empty segments, `/amp/` segments and trailing slashes removed."""
    segments = [s for s in _without_dot_segments(path.split("/")) if s and not _is_amp_segment(s)]
    if segments:
        last = segments[-1]
        lower = last.lower()
        # story.amp.html -> story.html, story.amp -> story
        for suffix in (".amp.html", ".amp.htm"):
            if lower.endswith(suffix):
                last = last[: -len(suffix)] + last[-len(suffix) + 4 :]
                break
        else:
            if lower.endswith(".amp") and len(last) > 4:
                last = last[:-4]
        segments[-1] = last
    return "/" + "/".join(_normal_escapes(s) for s in segments)


def _is_amp_param(key: str, value: str) -> bool:
    """AMP markers: ?amp, ?amp=1, ?outputType=amp."""
    key = unquote(key).lower()
    return key == "amp" or (key == "outputtype" and unquote(value).lower() == "amp")


def _is_dropped_param(key: str, value: str) -> bool:
    lower = unquote(key).lower()
    return lower in _TRACKING_KEYS or lower.startswith(_TRACKING_PREFIXES) or _is_amp_param(key, value)


def is_amp_url(url: str) -> bool:
    """Whether `url` names a page's AMP version: an `amp.` host, an `/amp/`
    segment, `story.amp` or `story.amp.html`, `?amp`, `?amp=1`, `?outputType=amp`."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    if (parts.hostname or "").startswith("amp."):
        return True
    segments = [s.lower() for s in parts.path.split("/") if s]
    if any(_is_amp_segment(s) for s in segments) or (segments and segments[-1].endswith(_AMP_SUFFIXES)):
        return True
    return any(_is_amp_param(*part.partition("=")[::2]) for part in parts.query.replace(";", "&").split("&"))


def _query(query: str) -> str:
    """Tracking and AMP parameters dropped, the rest sorted (kept as written, so
    `?a` and `?a=` stay distinct and re-normalising changes nothing)."""
    kept = []
    for part in query.replace(";", "&").split("&"):
        if not part:
            continue
        key, _, value = part.partition("=")
        if not _is_dropped_param(key, value):
            kept.append(_normal_escapes(part))
    return "&".join(sorted(kept))


def without_tracking(url: str) -> str:
    """`url` as given, less its tracking parameters (`utm_source`, `fbclid`, ...):
    the address to store and show. Unlike `normalize_url` nothing else changes
    (host, scheme, path, order of the other parameters, fragment); text that is
    not an http(s) URL comes back stripped and otherwise unchanged."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if parts.scheme.lower() not in _SCHEMES or not parts.query:
        return url
    kept = []
    for part in parts.query.split("&"):
        key = part.partition("=")[0]
        lower = unquote(key).lower()
        if part and (lower in _TRACKING_KEYS or lower.startswith(_TRACKING_PREFIXES)):
            continue
        kept.append(part)
    query = "&".join(kept)
    if query == parts.query:
        return url
    return urlunsplit(parts._replace(query=query.strip("&")))


def normalize_url(url: str) -> str:
    """The comparison key of `url`: two URLs of the same page give the same key.

    Lower-case scheme and host; `www.` and `amp.` hosts, default ports,
    fragments (not a `#!` hashbang), trailing slashes (not the root's), dot segments, tracking
    parameters and AMP markers dropped; query parameters sorted; http and
    https the same page on default ports. Idempotent. Text that is not an
    http(s) URL comes back stripped and otherwise unchanged.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in _SCHEMES or not host:
        return url
    for prefix in ("www.", "amp."):
        if host.startswith(prefix) and "." in host[len(prefix) :]:
            host = host[len(prefix) :]
    if ":" in host:
        host = f"[{host}]"  # IPv6 literal
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{host}:{port}"
    else:
        netloc = host
        scheme = "https"  # the same page over http and https
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    # A hashbang (`#!/story/12`) is the page itself on old script-driven sites; other fragments are places in it.
    fragment = parts.fragment if parts.fragment.startswith("!") else ""
    return urlunsplit((scheme, netloc, _path(parts.path), _query(parts.query), fragment))


def url_slug(url: str) -> str:
    """A short readable id stem from a URL: its last meaningful path segment,
    slugged, at most 60 characters (`.../2024/05/taliban-recognised.html` ->
    `taliban-recognised`); the host when the path says nothing."""
    parts = urlsplit(url.strip())
    segments = [unquote(s) for s in parts.path.split("/") if s and not _is_amp_segment(s)]
    stems = []
    for segment in segments:
        lower = segment.lower()
        for suffix in (".amp", *_PAGE_SUFFIXES, ".amp"):
            if lower.endswith(suffix):
                segment, lower = segment[: -len(suffix)], lower[: -len(suffix)]
        if lower not in ("", "index", "default"):
            stems.append(segment)
    # Prefer the last segment with a letter in it that is not a generic word: dates,
    # numeric ids and section words ("news") say less than a headline slug.
    worded = [s for s in stems if any(c.isalpha() for c in s)]
    specific = [s for s in worded if s.lower() not in _GENERIC_SEGMENTS]
    chosen = (specific or worded or stems or [(parts.hostname or "").removeprefix("www.")])[-1]
    ascii_text = unicodedata.normalize("NFKD", chosen).encode("ascii", "ignore").decode("ascii")
    return slugify(ascii_text, max_length=60)


def web_link(base: str, href: str) -> str:
    """`href` made absolute against `base`; "" unless it is http(s), so a
    feed or page can never hand the app a javascript: or file: link to open."""
    href = href.strip()
    if not href:
        return ""
    try:
        link = urljoin(base, href)
    except ValueError:
        return ""
    return link if urlsplit(link).scheme in ("http", "https") else ""


_FEED_SUFFIXES = (".xml", ".rss", ".atom", ".rdf")
_FEED_SEGMENTS = {"feed", "feeds", "rss", "atom", "feed.json"}


def looks_like_feed_url(url: str) -> bool:
    """A URL whose path reads like a feed's: `.xml`, `.rss`, `.atom`, or a
    `/feed`, `/rss` segment (a guess from the address alone: no network)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        return False
    segments = [segment for segment in parts.path.lower().split("/") if segment]
    if not segments:
        return False
    return segments[-1].endswith(_FEED_SUFFIXES) or any(segment in _FEED_SEGMENTS for segment in segments)
