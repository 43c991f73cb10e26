"""The article text a page declares in its schema.org data (JSON-LD).

News sites put the whole text in `articleBody` for search engines, also on
pages whose visible body is cut by a paywall or drawn by JavaScript. Where
the page shows much less than it declares, the declared text is the article.
"""

from __future__ import annotations

import json
import re
from typing import Any

import lxml.html
from lxml import etree

__all__ = ["declared_article_body"]

_MAX_DEPTH = 20  # a hostile page's JSON cannot make us recurse for ever
_MAX_SCRIPT = 2_000_000
_SPACE = re.compile(r"[ \t\r\f\v\u00a0]+")


def declared_article_body(tree: lxml.html.HtmlElement, title: str) -> list[str]:
    """The paragraphs of the page's own article's `articleBody`, or [] when
    it declares none (or only other articles', as a list of teasers does)."""
    bodies: list[tuple[str, str]] = []  # (headline, text)
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        source = script.text or ""
        if "articleBody" not in source or len(source) > _MAX_SCRIPT:
            continue
        try:
            data = json.loads(source, strict=False)
        except (ValueError, RecursionError):  # broken, or nested to exhaust the parser
            continue
        _collect(data, bodies, 0)
    if not bodies:
        return []
    key = _fold(title)
    mine = [text for headline, text in bodies if key and _fold(headline) and (_fold(headline) in key or key in _fold(headline))]
    if not mine and len(bodies) == 1:
        mine = [bodies[0][1]]
    return _paragraphs(max(mine, key=len)) if mine else []


def _collect(data: Any, bodies: list[tuple[str, str]], depth: int) -> None:
    if depth > _MAX_DEPTH:
        return
    if isinstance(data, list):
        for item in data:
            _collect(item, bodies, depth + 1)
    elif isinstance(data, dict):
        body = data.get("articleBody")
        if isinstance(body, str) and body.strip():
            headline = data.get("headline") or data.get("name") or ""
            bodies.append((headline if isinstance(headline, str) else "", body))
        for value in data.values():
            if isinstance(value, (dict, list)):
                _collect(value, bodies, depth + 1)


def _paragraphs(body: str) -> list[str]:
    if "<" in body and ">" in body:  # some sites declare the body as HTML
        try:
            fragment = lxml.html.fragment_fromstring(body, create_parent="div")
        except (ValueError, etree.ParserError):
            return []
        for block in fragment.iter("p", "br", "div", "li", "h2", "h3", "h4"):
            block.tail = "\n" + (block.tail or "")
        body = fragment.text_content()
    lines = (_SPACE.sub(" ", line).strip() for line in body.splitlines())
    return [line for line in lines if line]


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))
