"""The feed layer (index/feeds): parsing, identity, safety, discovery, OPML."""

from __future__ import annotations

import json
import resource
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest

from index.errors import LibraryError
from index.feeds import (
    FeedEntry,
    FeedError,
    OpmlFeed,
    discover_feeds,
    entry_key,
    needs_full_text,
    parse_feed,
    read_opml,
    write_opml,
)

URL = "https://news.example.org/feed.xml"
REAL_FEEDS = Path("/work/shared/data/web-pages/feeds")

RSS2 = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example &amp; Co News</title>
  <link>https://news.example.org/</link>
  <item>
    <title>Storm &lt;b&gt;hits&lt;/b&gt; coast</title>
    <link>/2025/storm?utm_source=rss</link>
    <guid isPermaLink="false">storm-42</guid>
    <dc:creator>A. Reporter</dc:creator>
    <description>A short teaser.</description>
    <content:encoded><![CDATA[<p>The storm hit the coast on Tuesday.</p><p>Many homes lost power.</p>]]></content:encoded>
    <pubDate>Tue, 03 Jun 2025 10:00:00 +0200</pubDate>
  </item>
  <item>
    <title>No date, summary only</title>
    <link>https://news.example.org/2025/plain</link>
    <description>Just a summary of the story.</description>
  </item>
</channel>
</rss>"""

RSS1 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
         xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://rdf.example.org/">
    <title>RDF Site</title>
    <link>https://rdf.example.org/</link>
    <items><rdf:Seq><rdf:li resource="https://rdf.example.org/one"/></rdf:Seq></items>
  </channel>
  <item rdf:about="https://rdf.example.org/one">
    <title>First RDF item</title>
    <link>https://rdf.example.org/one</link>
    <description>RDF description.</description>
    <dc:date>2024-02-29T23:30:00-05:00</dc:date>
  </item>
</rdf:RDF>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://atom.example.org/blog/">
  <title type="html">Atom &lt;i&gt;Blog&lt;/i&gt;</title>
  <link href="https://atom.example.org/"/>
  <author><name>Feed Author</name></author>
  <id>urn:feed</id>
  <updated>2025-01-01T00:00:00Z</updated>
  <entry>
    <id>urn:entry:1</id>
    <title>With both</title>
    <link href="posts/1"/>
    <updated>2025-01-01T12:00:00+05:30</updated>
    <summary>The summary.</summary>
    <content type="html">&lt;p&gt;The full content of the post, longer than its summary.&lt;/p&gt;</content>
  </entry>
  <entry>
    <id>urn:entry:2</id>
    <title>Summary only</title>
    <author><name>Guest Writer</name></author>
    <link href="https://atom.example.org/posts/2"/>
    <summary>Only a summary here.</summary>
  </entry>
</feed>"""


def _json_feed(items: list[dict], version: str = "https://jsonfeed.org/version/1.1") -> bytes:
    return json.dumps({"version": version, "title": "JSON News", "home_page_url": "/", "items": items}).encode()


# --- RSS, Atom, JSON Feed -------------------------------------------------


def test_rss2_with_content_encoded():
    feed = parse_feed(RSS2, url=URL)
    assert feed.title == "Example & Co News"
    assert feed.site_url == "https://news.example.org/"
    storm, plain = feed.entries
    assert storm.title == "Storm hits coast"
    assert storm.guid == "storm-42"
    assert storm.link == "https://news.example.org/2025/storm?utm_source=rss"  # relative link made absolute
    assert storm.author == "A. Reporter"
    assert storm.published == datetime(2025, 6, 3, 8, 0, tzinfo=timezone.utc)  # +0200 normalised
    assert storm.summary_html == "A short teaser."
    assert "<p>Many homes lost power.</p>" in storm.content_html
    assert storm.word_count == 11
    assert plain.published is None
    assert plain.content_html == "" and plain.word_count == 0
    assert plain.summary_html == "Just a summary of the story."


def test_rss1_rdf():
    feed = parse_feed(RSS1.encode(), url="https://rdf.example.org/index.rdf")
    assert feed.title == "RDF Site"
    (item,) = feed.entries
    assert item.title == "First RDF item"
    assert item.link == "https://rdf.example.org/one"
    assert item.published == datetime(2024, 3, 1, 4, 30, tzinfo=timezone.utc)
    assert entry_key(item) == "https://rdf.example.org/one"


def test_rss091_without_namespaces():
    data = (
        '<rss version="0.91"><channel><title>Old</title><link>http://old.example.org/</link>'
        "<item><title>Ancient</title><link>http://old.example.org/a</link></item></channel></rss>"
    )
    feed = parse_feed(data, url="http://old.example.org/rss")
    assert feed.title == "Old" and [e.title for e in feed.entries] == ["Ancient"]


def test_atom_summary_versus_content_and_inherited_author():
    feed = parse_feed(ATOM, url="https://atom.example.org/feed")
    assert feed.title == "Atom Blog"
    both, summary_only = feed.entries
    assert both.link == "https://atom.example.org/blog/posts/1"  # xml:base honoured
    assert both.summary_html == "The summary."
    assert both.content_html == "<p>The full content of the post, longer than its summary.</p>"
    assert both.published == datetime(2025, 1, 1, 6, 30, tzinfo=timezone.utc)
    assert both.author == "Feed Author"
    assert summary_only.author == "Guest Writer"
    assert summary_only.content_html == ""
    assert entry_key(both) == "urn:entry:1"


def test_json_feed_content_html_and_text():
    data = _json_feed(
        [
            {
                "id": 1,
                "url": "posts/one",
                "title": "One &amp; <em>only</em>",
                "content_html": "<p>Hello <b>world</b></p>",
                "summary": "Hi",
                "date_published": "2025-05-01T09:00:00+02:00",
                "authors": [{"name": "Ann"}, {"name": "Bo"}],
            },
            {
                "id": "two",
                "external_url": "https://elsewhere.example.com/x",
                "content_text": "Plain <text> here\n\nSecond para",
                "date_modified": "2025-05-02T10:00:00Z",
                "author": {"name": "Old Style"},
            },
            {"id": "three", "content_text": "x", "date_published": "yesterday"},
            "not an item",
        ]
    )
    feed = parse_feed(data, url="https://json.example.org/feed.json")
    assert feed.title == "JSON News" and feed.site_url == "https://json.example.org/"
    one, two, three = feed.entries
    assert one.guid == "1" and one.link == "https://json.example.org/posts/one"
    assert one.title == "One & only"
    assert one.content_html == "<p>Hello <b>world</b></p>" and one.word_count == 2
    assert one.summary_html == "Hi"
    assert one.published == datetime(2025, 5, 1, 7, 0, tzinfo=timezone.utc)
    assert one.author == "Ann, Bo"
    assert two.link == "https://elsewhere.example.com/x"
    assert two.content_html == "<p>Plain &lt;text&gt; here</p><p>Second para</p>"
    assert two.published == datetime(2025, 5, 2, 10, 0, tzinfo=timezone.utc)
    assert two.author == "Old Style"
    assert three.published is None


def test_json_feed_version_1_0_and_json_that_is_not_a_feed():
    feed = parse_feed(_json_feed([], version="https://jsonfeed.org/version/1"), url=URL)
    assert feed.entries == []
    with pytest.raises(FeedError, match=r"is not a feed \(RSS, Atom or JSON Feed\)"):
        parse_feed(b'{"hello": "world"}', url=URL)
    with pytest.raises(FeedError, match="is not a feed"):
        parse_feed(b"{not json", url=URL)


def test_feed_with_no_entries_is_fine():
    feed = parse_feed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', url=URL)
    assert feed.title == "Quiet" and feed.entries == []


# --- identity ---------------------------------------------------------------


def test_same_link_with_tracking_params_is_the_same_entry():
    data = """<rss version="2.0"><channel><title>T</title>
      <item><title>a</title><link>https://www.example.org/story?utm_source=twitter&amp;id=3</link></item>
      <item><title>b</title><link>http://example.org/story/?id=3&amp;fbclid=xyz#top</link></item>
    </channel></rss>"""
    first, second = parse_feed(data, url=URL).entries
    assert first.guid == "" and second.guid == ""
    assert entry_key(first) == entry_key(second) == "https://example.org/story?id=3"


def test_guid_wins_over_link():
    a = FeedEntry("g-1", "https://example.org/a", "A", "", None, "", "", 0)
    b = FeedEntry("g-2", "https://example.org/a", "A", "", None, "", "", 0)
    assert entry_key(a) == "g-1" and entry_key(b) == "g-2"
    bare = FeedEntry("", "", "T", "", None, "S", "", 0)
    assert entry_key(bare) == entry_key(FeedEntry("", "", "T", "", None, "S", "", 0))
    assert entry_key(bare) != entry_key(FeedEntry("", "", "U", "", None, "S", "", 0))


# --- hostile and bad input --------------------------------------------------


def test_hostile_titles_are_plain_safe_text():
    data = (
        '<rss version="2.0"><channel><title>\x1b]8;;http://evil\x07Feed\x1b]8;;\x07</title>'
        "<item><title>[bold red]x[/] \x1b[31mred\x1b[0m \u202eevil</title>"
        "<author>\x1b[2Jme</author><description>&lt;script&gt;alert(1)&lt;/script&gt;ok</description>"
        "<link>javascript:alert(1)</link></item></channel></rss>"
    )
    feed = parse_feed(data.encode(), url=URL)
    (entry,) = feed.entries
    assert feed.title == "Feed"
    # Rich markup is just text here; the app escapes it when rendering.
    assert entry.title == "[bold red]x[/] red evil"
    assert "\x1b" not in entry.author and "\u202e" not in entry.title
    assert "script" not in entry.summary_html  # feedparser's HTML sanitiser
    assert entry.link == ""  # never a javascript: link to open


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"   \n",
        b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>",
        b"\x00\x01\x02garbage\xff\xfe",
        b"just some text",
    ],
)
def test_not_a_feed(data):
    with pytest.raises(FeedError) as raised:
        parse_feed(data, url=URL)
    message = str(raised.value)
    assert isinstance(raised.value, LibraryError)
    assert message.startswith(URL) and "\n" not in message
    assert "not a feed" in message


def test_malformed_xml_keeps_what_feedparser_recovers():
    broken = (
        '<rss version="2.0"><channel><title>Broken</title>'
        "<item><title>Fine & dandy</title><link>https://example.org/1</link></item>"
        "<item><title>Unclosed<link>https://example.org/2</link></item>"
    )
    feed = parse_feed(broken, url=URL)
    assert feed.title == "Broken"
    assert feed.entries and feed.entries[0].title == "Fine & dandy"


def test_malformed_feed_without_entries_is_an_error():
    with pytest.raises(FeedError, match="not a readable feed: malformed XML") as raised:
        parse_feed('<rss version="2.0"><channel><title>Oops</title><bad></channel>', url=URL)
    assert "\n" not in str(raised.value)


def test_str_input_is_never_opened_as_a_path_or_url(tmp_path):
    target = tmp_path / "feed.xml"
    target.write_text(RSS2)
    with pytest.raises(FeedError, match="not a feed"):
        parse_feed(str(target), url=URL)


# --- entity attacks ----------------------------------------------------------

BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n <!ENTITY lol "lol">\n'
    + "".join(f' <!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n' for i in range(1, 10))
    + ']>\n<rss version="2.0"><channel><title>Laughs &lol9;</title>'
    "<item><title>&lol9;</title><description>&lol9;</description><link>https://example.org/x</link></item>"
    "</channel></rss>"
)


def _xxe(system: str, root: str = "rss") -> str:
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE {root} [ <!ENTITY xxe SYSTEM "{system}"> ]>\n'
        '<rss version="2.0"><channel><title>T &xxe;</title>'
        "<item><title>&xxe;</title><description>d &xxe;</description><link>https://example.org/x</link></item>"
        "</channel></rss>"
    )


def _fields(feed) -> str:
    return repr(feed)


def _guarded(fn):
    """Run fn, returning (result, seconds, MB of peak RSS growth)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    return result, elapsed, grown


def test_billion_laughs_is_never_expanded():
    feed, elapsed, grown_mb = _guarded(lambda: parse_feed(BILLION_LAUGHS.encode(), url=URL))
    assert elapsed < 2 and grown_mb < 50
    assert "lollol" not in _fields(feed)
    assert len(_fields(feed)) < 2000


@pytest.mark.parametrize("system", ["file:///etc/passwd", "http://127.0.0.1:9/secret", "/etc/hostname"])
def test_external_entities_are_never_resolved(system):
    feed, elapsed, _ = _guarded(lambda: parse_feed(_xxe(system).encode(), url=URL))
    assert elapsed < 2
    text = _fields(feed)
    assert "root:" not in text and "/bin/" not in text
    if Path("/etc/hostname").exists():
        hostname = Path("/etc/hostname").read_text().strip()
        assert not hostname or hostname not in text


def test_doctype_is_removed_before_any_parser_sees_it():
    from index.feeds.safety import strip_doctype

    cleaned = strip_doctype(BILLION_LAUGHS.encode())
    assert b"<!ENTITY" not in cleaned and b"<!DOCTYPE" not in cleaned
    assert cleaned.startswith(b'<?xml version="1.0"?>') and b'<rss version="2.0">' in cleaned
    # A DOCTYPE inside content (CDATA, after the root starts) is left alone.
    inner = b"<rss><channel><description><![CDATA[<!DOCTYPE html>]]></description></channel></rss>"
    assert strip_doctype(inner) == inner
    # An unterminated DOCTYPE leaves nothing to parse.
    assert strip_doctype(b'<!DOCTYPE rss [ <!ENTITY a "b"> <rss>') == b""


def test_xxe_in_utf16_feed_is_defused():
    data = _xxe("file:///etc/passwd").replace('<?xml version="1.0"?>', '<?xml version="1.0" encoding="utf-16"?>')
    feed = parse_feed(data.encode("utf-16"), url=URL)
    assert "root:" not in _fields(feed)


def test_real_passwd_content_never_appears():
    passwd = Path("/etc/passwd")
    if not passwd.exists():
        pytest.skip("no /etc/passwd here")
    first_line = passwd.read_text().splitlines()[0]
    feed = parse_feed(_xxe("file:///etc/passwd").encode(), url=URL)
    assert first_line not in _fields(feed)


# --- full text decision -----------------------------------------------------


def _entry(content: str = "", words: int = 0, link: str = "https://example.org/a") -> FeedEntry:
    return FeedEntry("g", link, "T", "", None, "<p>teaser</p>", content, words)


def test_needs_full_text_modes():
    summary_only = _entry()
    short = _entry("<p>short</p>", 40)
    full = _entry("<p>long</p>", 800)
    assert needs_full_text(summary_only, "auto")
    assert needs_full_text(short, "auto")
    assert not needs_full_text(full, "auto")
    assert needs_full_text(full, "always")
    assert not needs_full_text(summary_only, "never")
    assert not needs_full_text(_entry(link=""), "always")  # nothing to fetch
    with pytest.raises(ValueError, match="auto, always, never"):
        needs_full_text(full, "sometimes")  # type: ignore[arg-type]


def test_needs_full_text_on_parsed_entries():
    storm, plain = parse_feed(RSS2, url=URL).entries
    assert needs_full_text(storm) and needs_full_text(plain)
    long_body = "<p>" + " ".join(["word"] * 300) + "</p>"
    data = _json_feed([{"id": "x", "url": "https://example.org/x", "content_html": long_body}])
    (entry,) = parse_feed(data, url=URL).entries
    assert entry.word_count == 300 and not needs_full_text(entry)


# --- discovery ---------------------------------------------------------------


def test_discover_feeds_in_document_order():
    page = """<html><head>
      <link rel="stylesheet" href="/style.css">
      <link rel="alternate" type="application/rss+xml" title="RSS" href="/feed.rss">
      <link rel="alternate" type="text/html" hreflang="fr" href="/fr/">
      <link rel="Alternate" type="application/atom+xml; charset=utf-8" href="atom.xml">
      <link rel="alternate" type="application/feed+json" href="https://cdn.example.net/feed.json">
      <link rel="alternate" type="application/json" href="/feed.rss">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><p>Hi</p></body></html>"""
    assert discover_feeds(page, "https://www.example.org/news/index.html") == [
        "https://www.example.org/feed.rss",
        "https://www.example.org/news/atom.xml",
        "https://cdn.example.net/feed.json",
    ]


def test_discover_feeds_honours_base_and_handles_nothing():
    page = '<html><head><base href="https://static.example.org/x/"><link rel="alternate" type="application/rss+xml" href="f.xml"></head></html>'
    assert discover_feeds(page, "https://example.org/") == ["https://static.example.org/x/f.xml"]
    assert discover_feeds("", "https://example.org/") == []
    assert discover_feeds("<html><body>No feeds</body></html>", "https://example.org/") == []


# --- OPML --------------------------------------------------------------------

OPML = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>My subscriptions</title></head>
  <body>
    <outline text="News" title="News">
      <outline type="rss" text="World" xmlUrl="https://world.example.org/rss" htmlUrl="https://world.example.org/"/>
      <outline text="Deeper">
        <outline type="rss" text="Text only" xmlUrl="https://deep.example.org/atom"/>
      </outline>
    </outline>
    <outline type="rss" title="Tech &amp; Science" text="ignored" xmlUrl="https://tech.example.org/feed"/>
    <outline type="rss" text="Dup" xmlUrl="https://world.example.org/rss"/>
    <outline type="rss" text="Local" xmlUrl="file:///etc/passwd"/>
    <outline text="Just a note"/>
  </body>
</opml>"""


def test_read_opml_flattens_categories():
    feeds = read_opml(OPML.encode(), "subs.opml")
    assert feeds == [
        OpmlFeed("https://world.example.org/rss", "World"),
        OpmlFeed("https://deep.example.org/atom", "Text only"),
        OpmlFeed("https://tech.example.org/feed", "Tech & Science"),
    ]


def test_opml_round_trip_with_awkward_titles():
    feeds = [
        OpmlFeed("https://a.example.org/rss?x=1&y=2", "Tom & Jerry <\"quoted\"> 'single'"),
        OpmlFeed("https://b.example.org/feed", "Süddeutsche — 日本語 news", source="SZ"),
        OpmlFeed("https://c.example.org/atom.xml", ""),
    ]
    document = write_opml(feeds)
    assert document.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert '<opml version="2.0">' in document and "<dateCreated>" in document
    assert read_opml(document.encode("utf-8"), "export.opml") == feeds


@pytest.mark.parametrize(
    "data",
    [b"", b"<rss version='2.0'><channel/></rss>", b"not xml at all", b"<opml><body><outline", b"\xff\xfe\x00"],
)
def test_read_opml_rejects_what_is_not_opml(data):
    with pytest.raises(FeedError, match=r"^subs\.opml is not an OPML file") as raised:
        read_opml(data, "subs.opml")
    assert "\n" not in str(raised.value)


def test_read_opml_is_safe_against_entities():
    laughs = BILLION_LAUGHS.replace("<!DOCTYPE rss", "<!DOCTYPE opml").split("<rss")[0]
    laughs += '<opml version="2.0"><body><outline text="&lol9;" xmlUrl="https://e.example.org/f"/></body></opml>'
    _, elapsed, grown_mb = _guarded(lambda: _try_opml(laughs.encode()))
    assert elapsed < 2 and grown_mb < 50
    xxe = (
        '<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<opml version="2.0"><body><outline text="&xxe;" xmlUrl="https://e.example.org/f"/></body></opml>'
    )
    result = _try_opml(xxe.encode())
    assert "root:" not in repr(result)


def _try_opml(data: bytes) -> object:
    # Either an error or feeds without any expanded entity is acceptable.
    try:
        feeds = read_opml(data, "evil.opml")
    except FeedError as error:
        return str(error)
    assert all("lollol" not in feed.title for feed in feeds)
    return feeds


# --- the real feeds ------------------------------------------------------------


def _real(name: str) -> bytes:
    path = REAL_FEEDS / name
    if not path.exists():
        pytest.skip(f"{path} is not here")
    return path.read_bytes()


def test_real_json_feed():
    feed = parse_feed(_real("feed.json"), url="https://feeds.npr.org/1019/feed.json")
    assert feed.title == "Technology"
    assert len(feed.entries) >= 10
    for entry in feed.entries:
        assert entry.title and entry.guid and entry.link.startswith("https://www.npr.org/")
        assert entry.published is not None and entry.published.tzinfo is not None
    assert len({entry_key(e) for e in feed.entries}) == len(feed.entries)


def test_real_atom_feed():
    feed = parse_feed(_real("feed1.atom"), url="http://example.org/feed.atom")
    assert feed.title == "Example Feed"
    assert [e.title for e in feed.entries] == ["Atom-Powered Robots Run Amok", "Self-referenced link"]
    first = feed.entries[0]
    assert first.link == "http://example.org/2003/12/13/atom03"
    assert first.author == "John Doe"
    assert first.published == datetime(2003, 12, 13, 18, 30, 2, tzinfo=timezone.utc)
    assert needs_full_text(first)


def test_real_rss_feed():
    feed = parse_feed(_real("feed2.rss"), url="http://www.example.com/rss")
    assert feed.title == "RSS Title"
    (entry,) = feed.entries
    assert entry.title == "Example entry"
    assert entry_key(entry) == "7bd204c6-1655-4c27-aeee-53f933c5395f"
    assert entry.published == datetime(2009, 9, 6, 16, 20, tzinfo=timezone.utc)
