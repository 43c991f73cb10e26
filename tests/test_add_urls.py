"""`newsreader add URL`: web pages fetched with our own client, extracted and
added like files; one unreachable or empty page never stops the others.
Everything is served from a local server on 127.0.0.1."""

from __future__ import annotations

import json

from .conftest import run_cli
from .hostile import assert_terminal_safe
from .webserver import page, serve

ARTICLE = """<!doctype html><html lang="en"><head>
<meta charset="utf-8">
<title>Harbour council approves sea wall | Coast Gazette</title>
<meta property="og:site_name" content="Coast Gazette">
<meta property="og:title" content="Harbour council approves sea wall">
<meta name="author" content="Jane Reporter">
<meta property="article:published_time" content="2025-07-04T09:30:00+02:00">
<link rel="canonical" href="{canonical}">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour council approves sea wall</h1>
<p>The harbour council voted on Thursday to build a sea wall along the northern quay,
after two winters of flooding damaged homes and the fish market.</p>
<p>"We cannot wait for a third winter," said council leader Maria Olsen, who proposed the plan.
The wall will cost 4.2 million euros and take two years to build.</p>
<p>Fishermen welcomed the decision but asked that the work avoid the spawning season,
when boats need the quay most. Engineers said construction would start in the autumn.</p>
</article>
<footer>Share this article · Subscribe to our newsletter · Contact us</footer>
</body></html>"""


def test_add_pages_by_url_with_their_outlet_date_and_canonical_url(capsys, library_dir):
    with serve() as server:
        server.add("/news/sea-wall.html", ARTICLE.format(canonical="https://coast.example/news/sea-wall").encode(),
                   "text/html; charset=utf-8")
        server.add("/empty.html", b"<html><body><nav>Home</nav></body></html>", "text/html")
        url = server.url("/news/sea-wall.html")
        code, out, err = run_cli(
            capsys, "--library", str(library_dir), "add", "--json",
            url, server.url("/empty.html"), server.url("/missing.html"),
        )
    report = json.loads(out)
    assert code == 1  # two pages could not be added: said per page, the good one is in
    assert len(report["added"]) == 1
    failed = {f["path"]: f["reason"] for f in report["failed"]}
    assert set(failed) == {server.url("/empty.html"), server.url("/missing.html")}
    assert "no article text" in failed[server.url("/empty.html")]
    assert "404" in failed[server.url("/missing.html")]
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "show", "--json", report["added"][0])
    article = json.loads(out)
    assert article["title"] == "Harbour council approves sea wall"
    assert article["source"] == "Coast Gazette"
    assert article["url"] == "https://coast.example/news/sea-wall"
    assert article["published"].startswith("2025-07-04T07:30")
    assert "4.2 million euros" in article["body"] and "Subscribe" not in article["body"]
    assert any(q["speaker"] and "Olsen" in q["speaker"]["text"] for q in article["quotes"])


def test_the_same_page_twice_is_one_article(capsys, library_dir):
    with serve() as server:
        server.add("/a.html", ARTICLE.format(canonical="https://coast.example/a").encode(), "text/html")
        url = server.url("/a.html")
        run_cli(capsys, "--library", str(library_dir), "add", url)
        code, out, _ = run_cli(capsys, "--library", str(library_dir), "add", "--json", url)
    assert code == 0 and json.loads(out)["added"] == [] and len(json.loads(out)["skipped"]) == 1


def test_an_unreachable_host_is_one_line_and_files_still_go_in(capsys, library_dir, tmp_path):
    from .conftest import write_article

    write_article(tmp_path / "in", "harbour.txt", "Harbour reopens", "The harbour reopened on Monday.")
    code, out, err = run_cli(
        capsys, "--library", str(library_dir), "add", "http://nonexistent.invalid/story", str(tmp_path / "in")
    )
    assert code == 1 and "Added 1 article" in out
    lines = [line for line in err.splitlines() if "nonexistent.invalid" in line]
    assert len(lines) == 1 and "Traceback" not in err
    assert_terminal_safe(err)


def test_a_hostile_page_reaches_the_library_clean(capsys, library_dir):
    hostile = ARTICLE.format(canonical="https://coast.example/h").replace(
        "Harbour council approves sea wall</h1>", "Harbour [bold red]council[/] \x1b]8;;http://evil.example\x1b\\wall</h1>"
    ).replace("Coast Gazette\">", "Coast [link=http://evil.example]Gazette[/link]\">")
    with serve(routes={"/h.html": page(hostile)}) as server:
        code, out, _ = run_cli(capsys, "--library", str(library_dir), "add", "--json", server.url("/h.html"))
    added = json.loads(out)["added"]
    code, out, _ = run_cli(capsys, "--library", str(library_dir), "show", "--json", added[0])
    article = json.loads(out)
    assert_terminal_safe(article["title"] + article["body"] + article["source"])
    assert article["source"] == "Coast [link=http://evil.example]Gazette[/link]"


def test_pages_with_dated_metadata_list_beside_dated_files(capsys, library_dir, tmp_path):
    """A page's date carries a time zone, a file's does not: both are stored as
    UTC and listed together (this was a TypeError in `list`)."""
    from .conftest import write_article

    write_article(tmp_path / "in", "dated.txt", "Dated file", "A dated file's body.", published="2025-07-05")
    with serve() as server:
        server.add("/dated.html", ARTICLE.format(canonical="https://coast.example/d").encode(), "text/html")
        code, _, _ = run_cli(capsys, "--library", str(library_dir), "add", server.url("/dated.html"), str(tmp_path / "in"))
    assert code == 0
    code, out, err = run_cli(capsys, "--library", str(library_dir), "list", "--json")
    listed = json.loads(out)["articles"]
    assert code == 0 and err == ""
    assert [a["title"] for a in listed[:2]] == ["Dated file", "Harbour council approves sea wall"]
    assert listed[1]["published"] == "2025-07-04T07:30:00"
