"""Web page extraction and HTML file ingest, on pages written for these tests
(and a smoke check on a few real saved pages, when ../shared has them)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from index.api import Library as ApiLibrary
from index.identity import article_id
from index.ingest import read_article_file, read_articles
from index.ingest.decode import UnreadableInput
from index.ingest.html import article_from_html, decode_html
from index.web import ExtractionError, extract_page
from index.web.extract import _paragraphs, drop_web_furniture
from index.web.prepare import wrap_loose_text

from .conftest import SHARED_DATA

ARTICLE_PARAGRAPHS = [
    "The city council voted on Tuesday to rebuild the old harbour bridge, closing a debate that has run "
    "for more than a decade and split the town between those who wanted a new crossing and those who "
    "wanted the old stone arches kept.",
    "Engineers told the council that the arches could be saved if the deck above them was replaced, and "
    "that the work would take two years. The mayor, Anna Berg, said the decision \"keeps what people love "
    "about the bridge and makes it safe for another century\".",
    "Traffic will move to a temporary crossing upstream from March. Shops on the quay said they feared "
    "losing trade during the works, and the council promised a fund to help them through the closure.",
    "The bridge was built in 1888 and carried trams until 1952. It was closed to lorries in 2015 after "
    "inspectors found cracks in two of its piers, and has been under weight limits ever since.",
]

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Council votes to rebuild harbour bridge | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette">
<meta property="og:title" content="Council votes to rebuild harbour bridge">
<meta name="description" content="The stone arches stay; the deck above them is replaced.">
<meta name="author" content="Maria Lund">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">
<link rel="canonical" href="/news/2024/council-votes-to-rebuild-harbour-bridge">
<link rel="alternate" type="application/rss+xml" title="News" href="/feeds/news.rss">
<link rel="alternate" type="application/atom+xml" href="https://feeds.example.org/atom.xml">
<link rel="alternate" hreflang="de" href="/de/news/brucke">
<link rel="stylesheet" href="/style.css">
</head>
<body>
<header>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
  <li><a href="/weather">Weather</a></li></ul></nav>
</header>
<main>
<article>
  <h1>Council votes to rebuild harbour bridge</h1>
  <p class="byline">By Maria Lund</p>
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email</a></div>
  PARAGRAPHS
</article>
<aside class="related">
  <h2>Related articles</h2>
  <ul>
    <li><a href="/news/ferry">Ferry timetable changes for the summer season announced</a></li>
    <li><a href="/news/quay">Quay shops brace for a difficult year as works begin</a></li>
  </ul>
</aside>
<section id="comments" class="comments">
  <h3>3 comments</h3>
  <div class="comment"><p>About time! This bridge has been falling apart for years, said nobody.</p></div>
  <div class="comment"><p>I walk across it every morning and I will miss it while it is closed.</p></div>
</section>
</main>
<footer><p>© 2024 Harbour Gazette. All rights reserved.</p><a href="/privacy">Privacy policy</a></footer>
</body>
</html>
""".replace("PARAGRAPHS", "\n  ".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS))

# Windows-1252: curly quotes, an en dash and the euro sign are bytes 0x80-0x9f,
# which Latin-1 reads as controls.
CP1252_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">
<title>Café prices rise</title></head><body><article><h1>Café prices rise</h1>
<p>The price of a coffee at the “Café Müller” rose to 3,50 € on Monday – the third rise this year, the owner said.</p>
<p>Regulars at the café on the Königstraße said they would keep coming, though some now bring their own cups.</p>
<p>The owner, Jörg Müller, said the price of beans had doubled since the spring and that he had held out as long as he could.</p>
</article></body></html>"""

LATIN1_LABELLED_PAGE = CP1252_PAGE.replace("charset=windows-1252", "charset=iso-8859-1")

EMPTY_PAGE = """<html><head><title>Nothing here</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav><div id="app"></div>
<script>window.render()</script></body></html>"""


def write(directory: Path, name: str, data: str | bytes, encoding: str = "utf-8") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def test_news_page_text_and_metadata():
    page = extract_page(NEWS_PAGE, "https://www.harbour-gazette.example/news/2024/council-votes?utm_source=x")
    assert page.title == "Council votes to rebuild harbour bridge"
    assert page.paragraphs == ARTICLE_PARAGRAPHS
    assert page.site_name == "Harbour Gazette"
    assert page.author == "Maria Lund"
    assert page.published == datetime(2024, 3, 5, 8, 30, tzinfo=timezone.utc)
    assert page.canonical_url == "https://www.harbour-gazette.example/news/2024/council-votes-to-rebuild-harbour-bridge"
    assert page.feed_links == [
        "https://www.harbour-gazette.example/feeds/news.rss",
        "https://feeds.example.org/atom.xml",
    ]
    assert page.language == "en"


def test_boilerplate_is_dropped():
    text = "\n".join(extract_page(NEWS_PAGE).paragraphs)
    for furniture in ("Home", "Share on Facebook", "Related articles", "Ferry timetable", "About time!",
                      "I walk across it", "All rights reserved", "Privacy policy"):
        assert furniture not in text


def test_article_from_html_goes_through_the_text_pipeline():
    article = article_from_html(NEWS_PAGE, url="https://www.harbour-gazette.example/x")
    assert article.title == "Council votes to rebuild harbour bridge"
    assert article.body == "\n\n".join(ARTICLE_PARAGRAPHS)
    assert article.standfirst == "The stone arches stay; the deck above them is replaced."
    assert article.source == "Harbour Gazette"
    assert article.url.endswith("/news/2024/council-votes-to-rebuild-harbour-bridge")
    assert article.id == article_id(article.url, "") and len(article.id) == 10
    assert article.slug == "council-votes-rebuild-harbour-bridge"
    assert article.author == "Maria Lund"
    assert article.published is not None and article.published.tzinfo is not None
    assert article.content_hash and article.word_count > 100
    named = article_from_html(NEWS_PAGE, url="", source="My Paper", article_id="mine")
    assert (named.source, named.id) == ("My Paper", "mine")


def test_a_description_repeating_the_first_paragraph_is_not_a_standfirst():
    lede = ARTICLE_PARAGRAPHS[0]
    html = NEWS_PAGE.replace("The stone arches stay; the deck above them is replaced.", lede[:120] + "…")
    assert article_from_html(html, url="").standfirst == ""


def test_web_furniture_the_extractor_keeps_is_dropped():
    story = ["The mayor opened the bridge on Monday.", "Crowds lined the quay to watch the first tram."]
    paragraphs = [
        story[0],
        "Read more: Ferry fares to rise in the spring",
        "The new bridge at dusk. © AFP / JANE DOE",
        story[1],
        "Yоur соntеnt іѕ dеlіvеrеd іnѕtаntlу tо thоuѕаndѕ",  # Cyrillic look-alikes
        "Kontakt:",
        "Press office, 0123 456 789",
    ]
    assert drop_web_furniture(paragraphs) == story
    # A trailer word among the first paragraphs is the article's own.
    assert drop_web_furniture(["Contact:", "A long enough first paragraph."]) == ["Contact:", "A long enough first paragraph."]


def test_page_ids_come_from_the_canonical_url_whatever_the_text():
    url = "https://www.harbour-gazette.example/news/2024/council-votes-to-rebuild-harbour-bridge"
    first = article_from_html(NEWS_PAGE, url=url)
    edited = article_from_html(NEWS_PAGE.replace("stone arches", "old arches"), url=url + "?utm_source=rss")
    assert first.content_hash != edited.content_hash
    assert first.id == edited.id  # the same page fetched again is the same article
    saved = article_from_html(NEWS_PAGE, url="")  # a relative canonical link names no page
    assert saved.id == article_id("", saved.content_hash)


def test_terminal_escapes_and_markup_in_pages_are_neutralised():
    hostile = NEWS_PAGE.replace("The mayor, Anna Berg,", "The mayor, \x1b]52;c;ZXZpbA==\x07Anna \x1b[31mBerg\u202e,")
    article = article_from_html(hostile, url="")
    assert "\x1b" not in article.body and "\u202e" not in article.body
    assert "The mayor, Anna Berg," in article.body


@pytest.mark.parametrize("page", [CP1252_PAGE, LATIN1_LABELLED_PAGE])
def test_legacy_charset_pages_decode_right(tmp_path, page):
    path = write(tmp_path, "cafe.html", page, encoding="cp1252")
    article = read_article_file(path)
    assert article.title == "Café prices rise"
    assert "“Café Müller” rose to 3,50 € on Monday – the third" in article.body
    assert "Königstraße" in article.body


def test_meta_charset_beats_the_guess_and_utf8_beats_a_wrong_label():
    koi8 = "<html><head><meta charset='koi8-r'></head><body><p>Привет, мир</p></body></html>"
    assert "Привет" in decode_html(koi8.encode("koi8-r")).text
    mislabelled = CP1252_PAGE.replace("windows-1252", "iso-8859-1").encode("utf-8")
    assert "Café Müller" in decode_html(mislabelled).text
    assert decode_html(b"\xef\xbb\xbf<p>caf\xc3\xa9</p>").text == "<p>café</p>"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (EMPTY_PAGE.encode(), "no article text"),
        (b"<html><body><p>Hi</p>", "no article text"),
        (b"<<<>>><<!-- <p <div </ ></>", "no article text"),
    ],
)
def test_bad_pages_fail_in_one_line(tmp_path, data, reason):
    path = write(tmp_path, "bad.html", data)
    with pytest.raises(UnreadableInput, match=reason) as caught:
        read_article_file(path)
    assert "\n" not in str(caught.value)


def test_broken_html_still_yields_its_text(tmp_path):
    broken = NEWS_PAGE.replace("</p>", "", 3).replace("</article>", "").replace("</body>", "<div><span")
    path = write(tmp_path, "broken.htm", broken)
    article = read_article_file(path)
    assert "Engineers told the council" in article.body
    assert "harbour bridge" in article.title


def test_extraction_errors_are_value_errors_with_one_line_reasons():
    for html in ("", "   ", EMPTY_PAGE, "<html>" * 5000):
        with pytest.raises(ExtractionError) as caught:
            extract_page(html)
        assert isinstance(caught.value, ValueError) and "\n" not in str(caught.value)


def test_read_articles_routes_html_and_keeps_going(tmp_path):
    write(tmp_path, "a.html", NEWS_PAGE)
    write(tmp_path, "b.txt", "Plain headline\n\nA plain text article body that is long enough to be one.")
    write(tmp_path, "c.htm", b"\x00\x01\x02 binary \x00" * 50)
    write(tmp_path, "notes.xml", "<x/>")
    results = list(read_articles([tmp_path]))
    # notes.xml is not an article file: said (Ignored, a kind of Failure), not read
    assert [type(r).__name__ for r in results] == ["Article", "Article", "Failure", "Ignored"]
    assert results[0].title == "Council votes to rebuild harbour bridge"
    assert Path(results[2].path).name == "c.htm" and "binary" in results[2].reason


def test_a_directory_of_pages_adds_the_good_ones(library_dir, tmp_path):
    pages = tmp_path / "pages"
    write(pages, "bridge.html", NEWS_PAGE)
    write(pages, "cafe.htm", CP1252_PAGE, encoding="cp1252")
    write(pages, "empty.html", EMPTY_PAGE)
    write(pages, "image.html", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    library = ApiLibrary.open(library_dir)
    try:
        report = library.add_paths([pages])
        assert len(report.added) == 2
        assert sorted(Path(f.path).name for f in report.failed) == ["empty.html", "image.html"]
        assert all("\n" not in f.reason for f in report.failed)
        (bridge,) = [a for a in map(library.get, report.added) if a and a.path.endswith("bridge.html")]
        assert bridge is not None and bridge.source == "Harbour Gazette"
        assert bridge.body == "\n\n".join(ARTICLE_PARAGRAPHS)
    finally:
        library.close()


WEB_PAGES = SHARED_DATA / "web-pages"
SMOKE_FILES = ("bbc.com.52241221.html", "abc7news.com-Napa.html", "cbsnews.com.carolina.html")


@pytest.mark.skipif(not (WEB_PAGES / "expectations.json").exists(), reason="no saved pages in ../shared")
def test_real_saved_pages_smoke(tmp_path):
    expectations = {e["file"]: e for e in json.loads((WEB_PAGES / "expectations.json").read_text()).values()}
    for name in SMOKE_FILES:
        article = read_article_file(WEB_PAGES / "pages" / name)
        assert article.title and article.word_count > 100, name
        folded = " ".join(f"{article.standfirst} {article.body}".split())
        # The first expected snippet at least: the bench measures the rest.
        assert " ".join(expectations[name]["with"][0].split()) in folded, name


def story_page(body: str, head: str = "") -> str:
    """A page around `body` with the harbour story's paragraphs after it, so
    the extractor has an article to find."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)
    return (
        f"<html><head><title>Council votes to rebuild harbour bridge</title>{head}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>{body}{paragraphs}</article></main>"
        "<footer><p>© 2024 Harbour Gazette</p></footer></body></html>"
    )


def test_text_is_nfc_normalised():
    # U+09DC is a composition exclusion: NFC spells it as two code points.
    page = story_page("<p>সকাল সাড়ে ৭টার দিকে দৌলতপুর উপজেলার ফিলিপনগর গ্রামে এ ঘটনা ঘটে বলে জানা গেছে।</p>")
    text = "\n".join(extract_page(page).paragraphs)
    assert "\u09dc" not in text and "সা\u09a1\u09bcে" in text


def test_a_paragraph_that_is_only_a_link_is_dropped():
    link_lines = (
        '<p><a href="/results">The full results of the council vote here</a></p>'
        '<p>The council will publish its plans <a href="/plans">on its website</a> next week, officials said.</p>'
    )
    text = "\n".join(extract_page(story_page(link_lines)).paragraphs)
    assert "full results" not in text
    # A link inside a sentence stays.
    assert "The council will publish its plans on its website next week, officials said." in text


def test_link_only_paragraphs_in_the_extractors_output():
    body = etree.fromstring(
        "<body><p><ref>Back to top</ref></p><p>» <ref>Ferry fares</ref> «</p><list><item><ref>Quay</ref></item>"
        "<item>Quay shops brace for a difficult year</item></list><p>Read <ref>the plans</ref> online.</p>"
        "<p><ref>https://harbour.example/plans</ref></p><p><hi><ref>press@harbour.example</ref></hi></p>"
        "<p><ref>By Maria<lb/><lb/>Lund</ref></p><p>Text<lb/><lb/><ref>a link after a break</ref></p></body>"
    )
    assert _paragraphs(body) == [
        "Quay shops brace for a difficult year",
        "Read the plans online.",
        "https://harbour.example/plans",  # links that show their address say where they point
        "press@harbour.example",
        "Text",
    ]


def test_a_link_only_line_inside_a_layout_table_is_dropped():
    cell = "<br> <br>".join(ARTICLE_PARAGRAPHS) + '<br> <br><a href="/board">See the new board structure here</a>'
    page = f"<html><head><title>T</title></head><body><table><tr><td><p>{cell}</p></td></tr></table></body></html>"
    paragraphs = extract_page(page).paragraphs
    assert ARTICLE_PARAGRAPHS[1] in "\n".join(paragraphs)
    assert not any("board structure" in p for p in paragraphs)


DEK = "The stone arches stay and the deck above them is replaced, after a decade of argument over the crossing."


@pytest.mark.parametrize(
    "header",
    [
        # In the header with the headline (pruned as page furniture) ...
        f"<header><h1>Council votes to rebuild harbour bridge</h1><p>{DEK}</p></header>",
        # ... or in a teaser box after it.
        f"<div class='head'><h1>Council votes to rebuild harbour bridge</h1></div>"
        f"<div class='teaser-text'><p>{DEK}</p></div>",
    ],
)
def test_the_summary_under_the_headline_is_kept(header):
    page = extract_page(story_page(header))
    assert page.paragraphs[0] == DEK
    assert page.paragraphs[1:] == ARTICLE_PARAGRAPHS


@pytest.mark.parametrize(
    "after_headline",
    [
        "<p class='byline'>By Maria Lund and Jonas Berg, harbour correspondents, updated 5 March 2024.</p>",
        "<div class='meta'><span>Maria Lund</span><p>5 March 2024</p></div>",
        "<ul><li><a href='/a'>Ferry fares to rise in the spring as the council looks for money.</a></li></ul>",
    ],
)
def test_bylines_dates_and_links_under_the_headline_are_not_a_summary(after_headline):
    page = extract_page(story_page(f"<header><h1>Council votes to rebuild harbour bridge</h1>{after_headline}</header>"))
    assert page.paragraphs == ARTICLE_PARAGRAPHS


def json_ld(*objects: dict) -> str:
    return "".join(f'<script type="application/ld+json">{json.dumps(o)}</script>' for o in objects)


PAYWALL = (
    "<h1>Council votes to rebuild harbour bridge</h1><p>The council has voted on the bridge at last.</p>"
    "<div class='paywall'><p>Subscribe to read the rest of this story.</p><p>Already a subscriber? Log in</p></div>"
)


def paywalled_page(*objects: dict) -> str:
    return (
        f"<html><head><title>Council votes to rebuild harbour bridge</title>{json_ld(*objects)}</head>"
        f"<body><article>{PAYWALL}</article></body></html>"
    )


def test_a_page_showing_less_than_its_declared_article_body_gives_the_declared_text():
    declared = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Council votes to rebuild harbour bridge",
        "articleBody": "\n".join(ARTICLE_PARAGRAPHS),
    }
    # Other articles' bodies (a list of teasers) are not this one's.
    other = {"@type": "NewsArticle", "headline": "Ferry fares rise", "articleBody": "Ferry fares rise. " * 60}
    teasers = {"@context": "https://schema.org", "@type": "ItemList", "itemListElement": [other]}
    # The summary shown under the headline stays as the standfirst.
    expected = ["The council has voted on the bridge at last.", *ARTICLE_PARAGRAPHS]
    page = extract_page(paywalled_page(declared, teasers))
    assert page.paragraphs == expected and page.title == "Council votes to rebuild harbour bridge"
    # Declared as HTML, as some sites do.
    as_html = {**declared, "articleBody": "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS)}
    assert extract_page(paywalled_page(as_html)).paragraphs == expected


def test_the_declared_body_does_not_replace_an_article_the_page_shows():
    declared = {"@type": "NewsArticle", "headline": "Council votes", "articleBody": ARTICLE_PARAGRAPHS[0]}
    page = NEWS_PAGE.replace("</head>", json_ld(declared) + "</head>")
    assert extract_page(page).paragraphs == ARTICLE_PARAGRAPHS
    # Broken or hostile JSON is ignored.
    for script in ('{"articleBody": [[[[', '{"articleBody": "x", "a": ' + "[" * 100_000 + "]" * 100_000 + "}"):
        broken = NEWS_PAGE.replace("</head>", f'<script type="application/ld+json">{script}</script></head>')
        assert extract_page(broken).paragraphs == ARTICLE_PARAGRAPHS


@pytest.mark.parametrize(
    "line",
    ["24. März 2004, 19:49 | Genesis", "Updated: May 6, 2022, 10:11 pm", "2023-11-03", "Veröffentlicht am 06.12.2022",
     "31.10.2023, 19.18 Uhr", "November 08, 2023"],
)
def test_date_lines_are_dropped(line):
    assert drop_web_furniture([ARTICLE_PARAGRAPHS[0], line, ARTICLE_PARAGRAPHS[1]]) == ARTICLE_PARAGRAPHS[:2]


@pytest.mark.parametrize(
    "paragraph",
    ["Berlin, 24. März 2004 – Der Senat hat am Mittwoch den Haushalt beschlossen.",
     "— Elon Musk (@elonmusk) November 4, 2023", "Tannwaldstr. 2, 4600 Olten", "The bridge opened on 5 March 2024."],
)
def test_text_with_a_date_in_it_is_kept(paragraph):
    assert drop_web_furniture([paragraph]) == [paragraph]


def test_text_between_blocks_is_read_as_paragraphs():
    # The body written as loose text and <br>s after an image box, as some sites do.
    lines = "<br><br>".join(ARTICLE_PARAGRAPHS)
    page = (
        "<html><head><title>Council votes to rebuild harbour bridge</title></head><body><div class='story'>"
        "<h1>Council votes to rebuild harbour bridge</h1><div class='body_txt'>"
        "<div class='img_box'><img src='bridge.jpg'><p class='cap'>Photo: Harbour Gazette</p></div>"
        f"{lines}</div></div></body></html>"
    )
    text = "\n".join(extract_page(page).paragraphs)
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in text


def test_wrap_loose_text_keeps_document_order():
    tree = lxml.html.document_fromstring(
        "<html><body><div><div>box</div>A run of loose text, <b>bold</b> and more<br>after a break"
        "<p>a paragraph</p> | <div>lines of text long enough to be a paragraph<br>and a second line</div></div>"
        "</body></html>"
    )
    wrap_loose_text(tree)
    outer = tree.find(".//body/div")
    assert [child.tag for child in outer] == ["div", "p", "p", "div"]
    assert outer[1].text_content() == "A run of loose text, bold and moreafter a break"
    assert outer[2].tail == " | "  # too short to be a paragraph
    assert outer[3][0].tag == "p" and outer[3][0].text_content().startswith("lines of text")


@pytest.mark.parametrize(
    ("paragraph", "kept"),
    [
        ("Die Zusatzbuchstaben GTI sind seit jeher Garant für Fahrspaß. War Volkswagen anfangs vom ...", False),
        ("The Petroleum Commission is far more important than the Board. Yet, the... more", False),
        ("Im Seminar erhalten Sie aktuelle Informationen zu rechtlichen Regelungen in den …", False),
        ("Oft dann leider in Situationen, in denen man eigentlich etwas anderes machen sollte…", True),
        ("Ach ja...", True),
    ],
)
def test_teasers_cut_short_are_dropped(paragraph, kept):
    assert drop_web_furniture([paragraph]) == ([paragraph] if kept else [])


TIPS = [
    "Lock the door whenever you leave the house, even for a short time.",
    "Never hide a key outside: burglars find every hiding place.",
    "Tell the police at once about anything suspicious.",
]


def test_a_list_between_paragraphs_of_the_article_is_kept():
    # No article container: trafilatura gathers the paragraphs one by one and leaves lists out.
    tips = "".join(f"<li>{tip}</li>" for tip in TIPS)
    body = (
        "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS[:2]) + f"<p>How to protect your home:</p><ul>{tips}</ul>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE_PARAGRAPHS[2:])
    )
    page = f"<html><head><title>T</title></head><body><div class='editor--content'>{body}</div></body></html>"
    assert extract_page(page).paragraphs == [*ARTICLE_PARAGRAPHS[:2], "How to protect your home:", *TIPS,
                                             *ARTICLE_PARAGRAPHS[2:]]
    # A list of links there is navigation, and stays out.
    links = "".join(f"<li><a href='/{i}'>{tip}</a></li>" for i, tip in enumerate(TIPS))
    linked = page.replace(tips, links)
    assert not any(tip in extract_page(linked).paragraphs for tip in TIPS)
