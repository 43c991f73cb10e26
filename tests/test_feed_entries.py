"""Entries carrying their full text become articles without the page
extractor (index/feeds/entry.py), and the article is the one the extractor
would have made; anything the light reading does not cover goes to the
extractor as before."""

from __future__ import annotations

import random
from datetime import datetime, timezone

import pytest

from index.feeds.entry import entry_article, simple_paragraphs
from index.feeds.model import FeedEntry
from index.feeds.refresh import _complete, _entry_article, _extracted_article

PUBLISHED = datetime(2025, 6, 3, 8, 0, tzinfo=timezone.utc)
SENTENCE = (
    "The council said on Tuesday that the harbour wall would be rebuilt before winter, "
    "at a cost of about four million pounds, after two floods in one year."
)
PARAGRAPHS = "".join(f"<p>{SENTENCE} Point {n} of the plan was agreed.</p>" for n in range(7))


def entry(
    content: str, title: str = "Harbour wall to be rebuilt", link: str = "https://news.example.org/2025/harbour-wall"
) -> FeedEntry:
    return FeedEntry("g1", link, title, "Maria Olsen", PUBLISHED, "<p>A teaser.</p>", content, 300)


FIELDS = ("id", "title", "standfirst", "body", "source", "url", "author", "published", "content_hash")

SAME_AS_EXTRACTOR = {
    "paragraphs": PARAGRAPHS,
    "inline markup": PARAGRAPHS
    + f'<p>Read the <a href="/plan">full <em>plan</em></a> and <strong>{SENTENCE}</strong></p>',
    "spans": PARAGRAPHS + f'<p><span lang="en">{SENTENCE}</span> <cite>We are ready</cite>, she said.</p>',
    "line breaks": PARAGRAPHS + f"<p>{SENTENCE}<br>Second line of it.<br>Third line.</p>",
    "blank line in text": PARAGRAPHS + f"<p>{SENTENCE}\n\nStill the same paragraph.</p>",
    "headings": PARAGRAPHS.replace("</p><p>", "</p><h2>What happens next</h2><p>", 1),
    "paragraphs in an item": PARAGRAPHS
    + f"<ol><li><p>{SENTENCE} <b>We are ready</b> she said.</p><p>More.</p></li></ol>",
    "lists": PARAGRAPHS + "<ul><li>First point of the plan.</li><li>Second point, <b>bold</b>.</li></ul>"
    "<ol><li>One.</li><li>Two.</li></ol>",
    "quote": PARAGRAPHS + f"<blockquote><p>{SENTENCE}</p><p>It is a quote in two parts.</p></blockquote>",
    "image in a paragraph": PARAGRAPHS + f'<p><img src="/a.jpg" alt="The harbour at dawn">{SENTENCE}</p>',
    "headline repeated": "<p>Harbour wall to be rebuilt</p>" + PARAGRAPHS,
    "furniture": PARAGRAPHS + "<p>Read more: the council's other plans</p><p>Subscribe now for updates</p>",
    "link in a link (the parser unnests it)": PARAGRAPHS
    + f"<p>{SENTENCE} <a href='/a'>pre <a href='/b'>inner</a> post</a> and more.</p>",
    "entities": PARAGRAPHS + "<p>Caf&eacute; &amp; bar &lt;b&gt; &#8220;quoted&#8221;</p>",
    "standfirst": "<p>The wall will be rebuilt.</p>" + PARAGRAPHS,
}


@pytest.mark.parametrize("content", SAME_AS_EXTRACTOR.values(), ids=SAME_AS_EXTRACTOR.keys())
def test_light_reading_makes_the_extractors_article(content):
    item = entry(content)
    light = entry_article(item, "Coast Gazette")
    assert light is not None
    extracted = _extracted_article(item, "Coast Gazette")
    for name in FIELDS:
        assert getattr(light, name) == getattr(extracted, name), name


LEFT_TO_EXTRACTOR = {
    "table": PARAGRAPHS + "<table><tr><td>a</td><td>b</td></tr></table>",
    "div": f"<div>{PARAGRAPHS}</div>",
    "class": PARAGRAPHS.replace("<p>", '<p class="share">', 1),
    "id": PARAGRAPHS.replace("<p>", '<p id="comments">', 1),
    "style": PARAGRAPHS.replace("<p>", '<p style="display:none">', 1),
    "script": PARAGRAPHS + "<script>alert(1)</script>",
    "its own headline": "<h1>Another headline</h1>" + PARAGRAPHS,
    "figure": PARAGRAPHS + "<figure><img src='/a.jpg'><figcaption>Caption</figcaption></figure>",
    "comment": PARAGRAPHS + "<!-- a comment -->",
    "loose text": f"{SENTENCE} {SENTENCE}" + PARAGRAPHS + "loose A<br>loose B",
    "inline at the top": PARAGRAPHS + "<b>bold on its own</b>",
    "run of line breaks": PARAGRAPHS + f"<p>{SENTENCE}<br><br>More.</p>",
    "spaced line breaks": PARAGRAPHS + f"<p>{SENTENCE}<br> <br>More.</p>",
    "break beside a newline": PARAGRAPHS + f"<p>{SENTENCE}<br>\nMore.</p>",
    "newline before a break": PARAGRAPHS + f"<p>{SENTENCE}\n<br>More.</p>",
    "text after a quote's paragraph": PARAGRAPHS + f"<blockquote><p>{SENTENCE}</p>Then loose text.</blockquote>",
    "text before an item's paragraph": PARAGRAPHS + "<ul><li>Loose<p>Para</p></li></ul>",
    "a paragraph that is only a link": PARAGRAPHS + '<p><a href="/more">The full results</a></p>',
    "decomposed text": PARAGRAPHS + "<p>Cafe\u0301 society.</p>",
    "time": PARAGRAPHS + f"<p>{SENTENCE} On <time datetime='2025-06-03'>3 June</time> it began.</p>",
    "inline quote": PARAGRAPHS + f"<ul><li>{SENTENCE} <q>We are ready</q> she said.</li></ul>",
    "quote without paragraphs": PARAGRAPHS + f"<blockquote>{SENTENCE} <i>We are ready</i></blockquote>",
    "item outside a list": PARAGRAPHS + "<li>x</li>",
    "list in a list": PARAGRAPHS + "<ul><li>a<ul><li>b</li></ul></li></ul>",
    "short": f"<p>{SENTENCE}</p>",
    "heading inside a quote": f"<blockquote><h2>Quoted heading</h2></blockquote>{PARAGRAPHS}",
}


@pytest.mark.parametrize("content", LEFT_TO_EXTRACTOR.values(), ids=LEFT_TO_EXTRACTOR.keys())
def test_other_markup_is_left_to_the_extractor(content):
    assert entry_article(entry(content), "Coast Gazette") is None
    article = _entry_article(entry(content), "Coast Gazette")  # still made, by the extractor
    assert "harbour wall would be rebuilt" in article.body


def test_no_title_or_no_content_is_left_to_the_extractor():
    assert entry_article(entry(PARAGRAPHS, title=""), "Gazette") is None
    assert entry_article(entry(""), "Gazette") is None


def test_paragraphs_of_simple_markup():
    assert simple_paragraphs("<p>One <b>two</b><br>three</p><ul><li>a</li><li><p>b</p><p>c</p></li></ul>") == [
        "One two three", "a", "b", "c",
    ]  # fmt: skip
    assert simple_paragraphs("<p>x</p><table></table>") is None


def test_the_feeds_date_wins_over_a_year_the_text_mentions():
    """The extractor guesses a page's date from its text ("in 2003" became
    2003-01-01); an entry's own text has the feed's date."""
    content = PARAGRAPHS + f"<p>The first wall was built in 2003. {SENTENCE}</p>"
    for make in (entry_article, _extracted_article):
        article = _complete(make(entry(content), "Gazette"), entry(content), "Gazette", own_text=True)
        assert article.published == datetime(2025, 6, 3, 8, 0)
        assert article.author == "Maria Olsen" and article.source == "Gazette"


def test_no_source_credits_the_host_as_the_extractor_does():
    light = entry_article(entry(PARAGRAPHS), "")
    assert light is not None and light.source == "news.example.org"
    assert _extracted_article(entry(PARAGRAPHS), "").source == light.source


def test_hostile_text_is_sanitised():
    content = PARAGRAPHS + "<p>Escape \x1b[2J\x1b]0;pwned\x07 here \u202e and on.</p>"
    light = entry_article(entry(content, title="Title \x1b[31mred"), "Gazette")
    assert light is not None
    assert "\x1b" not in light.body + light.title and "\u202e" not in light.body


def _random_content(rng: random.Random) -> str:
    """Paragraphs, headings, lists and quotes of random words with inline
    markup, line breaks and images: the markup the light reading covers."""
    words = SENTENCE.split()

    def text(low: int, high: int) -> str:
        return " ".join(rng.choice(words) for _ in range(rng.randint(low, high)))

    def inline(depth: int = 0) -> str:
        if depth > 1 or rng.random() < 0.5:
            return text(1, 12)
        tag = rng.choice(["a", "em", "strong", "b", "i", "span", "cite", "small", "sup", "u", "mark", "abbr", "sub"])
        attributes = " href='/x'" if tag == "a" else ""
        return f"<{tag}{attributes}>{inline(depth + 1)}</{tag}>" + (f" {text(0, 5)}" if rng.random() < 0.5 else "")

    def paragraph() -> str:
        parts = [text(3, 25)]
        for _ in range(rng.randint(0, 3)):
            parts.append(rng.choice([inline(), f"<br>{text(1, 8)}", "<img src='/a.jpg' alt='pic'>", f"{text(1, 8)}."]))
        return " ".join(parts)

    def block() -> str:
        kind = rng.random()
        if kind < 0.6:
            return f"<p>{paragraph()}</p>"
        if kind < 0.7:
            level = rng.randint(2, 4)
            return f"<h{level}>{inline()} {text(2, 4)}</h{level}>"
        if kind < 0.8:
            return "<ul>" + "".join(f"<li>{paragraph()}</li>" for _ in range(rng.randint(1, 4))) + "</ul>"
        if kind < 0.9:
            return "<blockquote>" + "".join(f"<p>{paragraph()}</p>" for _ in range(rng.randint(1, 3))) + "</blockquote>"
        return "<ol>" + "".join(f"<li><p>{paragraph()}</p></li>" for _ in range(rng.randint(1, 3))) + "</ol>"

    return "".join(block() for _ in range(rng.randint(6, 14)))


def test_random_simple_markup_makes_the_extractors_article():
    """A differential check: whatever the light reading takes, it reads as
    the extractor does (this found the extractor's quirks the rules above
    leave to it: <q>, <time>, trailing headings, runs of breaks)."""
    rng = random.Random(20251130)
    light = 0
    for _ in range(60):
        item = entry(_random_content(rng))
        article = entry_article(item, "Gazette")
        if article is None:
            continue
        light += 1
        extracted = _extracted_article(item, "Gazette")
        assert [getattr(article, name) for name in FIELDS] == [getattr(extracted, name) for name in FIELDS]
    assert light >= 30
