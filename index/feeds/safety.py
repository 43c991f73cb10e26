"""Defuse XML before any parser sees it.

feedparser 6 turns off external general entities on its SAX parser and drops
most ENTITY declarations itself (sanitizer.replace_doctype), and expat >= 2.4
limits entity amplification; but its fallback "loose" parser and lxml (OPML)
have their own rules. A feed or OPML file never needs a DOCTYPE, so it is
removed up front: no entity can then be defined, expanded or fetched.
"""

from __future__ import annotations

import re

# The DOCTYPE with an optional internal subset `[...]`, in the prolog only.
_DOCTYPE = re.compile(rb"<!DOCTYPE\b[^\[>]*(?:\[.*?\]\s*)?>", re.IGNORECASE | re.DOTALL)
_XML_DECL_ENCODING = re.compile(rb"^(<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][^\"']*[\"']", re.IGNORECASE)
# Whitespace, a BOM, the XML declaration, processing instructions, comments.
_PROLOG_ITEM = re.compile(rb"(?:\s+|\xef\xbb\xbf|<\?.*?\?>|<!--.*?-->)", re.DOTALL)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def as_utf8(data: bytes) -> bytes:
    """UTF-16 documents re-encoded as UTF-8 (with their encoding declaration
    dropped) so the DOCTYPE guard below can see their markup."""
    if data.startswith(_UTF16_BOMS):
        codec = "utf-16"
    elif data.startswith(b"\x00<"):
        codec = "utf-16-be"
    elif data.startswith(b"<\x00"):
        codec = "utf-16-le"
    else:
        return data
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return data
    return _XML_DECL_ENCODING.sub(rb"\1", text.lstrip("\ufeff").encode("utf-8"))


def strip_doctype(data: bytes) -> bytes:
    """`data` without the DOCTYPE of its prolog (after the XML declaration,
    processing instructions and comments, before the root element)."""
    data = as_utf8(data)
    position = 0
    while True:
        match = _PROLOG_ITEM.match(data, position)
        if match is None or match.end() == position:
            break
        position = match.end()
    if data[position : position + 9].upper() != b"<!DOCTYPE":
        return data
    doctype = _DOCTYPE.match(data, position)
    if doctype is None:
        return data[:position]  # an unterminated DOCTYPE: nothing after it is safe to parse
    return data[:position] + data[doctype.end() :]
