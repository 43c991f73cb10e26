"""Ingest: decoding, cleaning, headline/standfirst detection, furniture removal."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.ingest import (
    UnreadableInput,
    decode_bytes,
    parse_article_text,
    read_article_file,
    read_articles,
    sanitize_text,
    strip_terminal_controls,
)

from .conftest import SEED_IDS, SEEDS, SHARED_DATA, write_article


def seed(stem_prefix: str):
    path = next(SEEDS.glob(f"{stem_prefix}_*.txt"))
    return read_article_file(path)


# -- the seeds ----------------------------------------------------------------


def test_seed_000_summary_then_repeated_headline():
    article = seed("000")
    assert article.id == SEED_IDS[0]
    assert article.title == "Russia Pioneers Diplomatic Recognition of Taliban Government in Afghanistan"
    assert article.standfirst.startswith("A historic shift as Russia becomes the first country")
    assert article.body.startswith("Afghanistan's Foreign Minister Amir Khan Muttaqi hailed")
    assert "Russia Pioneers Diplomatic" not in article.body
    # The page's summary sentence is not part of the article text.
    assert "received its first formal recognition" not in article.body


def test_seed_001_plain_headline_and_no_standfirst():
    article = seed("001")
    assert article.title == "Russia becomes first country to recognize Taliban regime"
    assert article.standfirst == ""
    assert article.body.startswith("On Thursday (3rd), Afghan Foreign Minister")
    assert article.body.rstrip().endswith("but also global security.”")


def test_seed_002_bold_markup_removed():
    article = seed("002")
    assert article.title == "Russia Takes Historic Step by Recognizing Taliban Leadership in Afghanistan"
    assert article.standfirst == "Afghanistan's Foreign Minister praises Russia's decision for fostering constructive diplomatic ties."
    assert "**" not in article.body + article.title + article.standfirst
    assert article.body.startswith("Russia has officially recognized the Taliban")


def test_seed_003_navigation_and_page_furniture_dropped():
    article = seed("003")
    assert article.title == "Russia becomes first country to recognise Taliban govt in Afghanistan"
    assert "LatestPakistan" not in article.body
    assert article.body.startswith("Kabul: Russia has become the first country")
    for furniture in ("Related Articles", "Leave a Reply", "Your email address", "Back to top"):
        assert furniture not in article.body
    assert article.body.rstrip().endswith("this stance remains contentious globally.")
    # The subheading inside the article is article text and stays.
    assert "Complex History of Russia and Afghanistan" in article.body


def test_seed_004_caption_slug_and_teasers_dropped():
    article = seed("004")
    assert article.title.startswith("Russia Has Become The First Country To Formally Recognize")
    assert article.standfirst.startswith("Human rights groups have condemned Russia’s move")
    assert "russia recognize taliban afghanistan first country" not in article.body
    assert "You Might Also Be Interested In" not in article.body
    assert "Kim Jong Un" not in article.body
    assert article.body.rstrip().endswith("accountability for human rights abuses.")


def test_paragraphs_are_separated_by_blank_lines_and_spaces_folded():
    article = seed("004")
    assert "\n\n" in article.body
    assert "\n\n\n" not in article.body
    assert "July 3, after" in article.body  # the double space in the source is folded
    assert all(p == p.strip() for p in article.paragraphs)


# -- general rules on made-up pages ---------------------------------------------


def parse(text: str, markdown: bool = False):
    return parse_article_text(text, article_id="x", markdown=markdown)


def test_navigation_with_separators_is_dropped():
    article = parse(
        "Home | World | Business | Sport\n"
        "Harbour strike ends after ten days\n"
        "Dockers voted on Monday to accept a pay offer, ending the strike that had closed the port for ten days and stranded ships.\n"
        "The union said the deal was fair.\n"
    )
    assert article.title == "Harbour strike ends after ten days"
    assert article.body.startswith("Dockers voted on Monday")


def test_trailing_teasers_and_share_lines_are_dropped():
    article = parse(
        "Council approves new budget\n\n"
        "The city council approved the budget on Tuesday after a long debate over road repairs and school funding in the district.\n\n"
        "Share this article\n\n"
        "The mayor said the vote was a relief.\n\n"
        "Read more\n\n"
        "Ten things to do this weekend\n\n"
        "Advertisement\n"
    )
    assert "Share this article" not in article.body
    assert "Ten things" not in article.body
    assert article.body.endswith("The mayor said the vote was a relief.")


def test_dateline_lede_is_not_taken_for_a_standfirst():
    article = parse(
        "Floods close schools\n\n"
        "LONDON: Heavy rain closed dozens of schools on Friday.\n\n"
        "Officials said the closures would last until the water receded, and parents were told to keep children at home. "
        "Forecasters expect more rain over the weekend across the region.\n"
    )
    assert article.standfirst == ""
    assert article.body.startswith("LONDON: Heavy rain")


def test_front_matter_fields_are_used():
    article = parse(
        "---\ntitle: \"Budget passes\"\nsource: The Ledger\nurl: https://example.org/a\n"
        "published: 2025-07-03\nauthor: Ann Writer\n---\nBudget passes\n\nThe budget passed.\n"
    )
    assert article.title == "Budget passes"
    assert article.source == "The Ledger"
    assert article.url == "https://example.org/a"
    assert article.author == "Ann Writer"
    assert article.published.year == 2025 and article.published.month == 7
    assert article.body == "The budget passed."


def test_markdown_document_keeps_paragraphs_and_drops_markup():
    article = parse(
        "# Port reopens\n\nShips *returned* to the port on\nMonday after [the strike](https://x.org) ended.\n\n"
        "- Dockers accepted the offer.\n- Talks lasted ten days.\n\n![a ship](ship.jpg)\n",
        markdown=True,
    )
    assert article.title == "Port reopens"
    assert article.paragraphs == [
        "Ships returned to the port on Monday after the strike ended.",
        "Dockers accepted the offer.",
        "Talks lasted ten days.",
    ]


# -- untrusted text --------------------------------------------------------------


def test_terminal_escapes_and_controls_are_stripped():
    dirty = "Title\x1b[2J\x1b]0;pwned\x07 ok\x1b[31m red\x1b[0m\x00\x08 \u202etxt\r\nnext\x9b1m"
    clean = strip_terminal_controls(dirty)
    assert clean == "Title ok red txt\nnext"


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\x1b[2Jb\x1b[31;1mc\x1b[0m", "abc"),  # CSI: clear screen, colours
        ("\x1b]8;;http://evil.example\x07click\x1b]8;;\x07 here", "click here"),  # OSC 8, BEL
        ("\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\ here", "click here"),  # OSC 8, ST
        ("copy\x1b]52;c;ZWNobyBwd25lZA==\x07 this", "copy this"),  # OSC 52 clipboard, BEL
        ("copy\x1b]52;c;ZWNobyBwd25lZA==\x1b\\ this", "copy this"),  # OSC 52, ST
        ("title\x1b]0;pwned\nnext line", "title\nnext line"),  # unterminated: ends at the line
        ("a\x1bP1$rq\x1b\\b", "ab"),  # DCS
        ("a\x1b_payload\x1b\\b\x1b^pm\x1b\\c\x1bXsos\x1b\\d", "abcd"),  # APC, PM, SOS
        ("a\x1bPunterminated dcs\nb", "a\nb"),
        ("\x9d8;;http://evil.example\x9cclick\x9d8;;\x9c", "click"),  # 8-bit OSC, 8-bit ST
        ("a\x9d52;c;ZWNobw==\x07b", "ab"),  # 8-bit OSC 52, BEL
        ("a\x90q#0;2;0;0;0\x9cb", "ab"),  # 8-bit DCS (sixel)
        ("a\x9b31mb\x85c\x9fd", "abcd"),  # 8-bit CSI, NEL, APC with no payload
        ("title\x9d0;pwned\nnext", "title0;pwned\nnext"),  # unterminated 8-bit: the C1 alone goes
        ("a\u202ab\u202bc\u202cd\u202de\u202ef", "abcdef"),  # embeddings and overrides
        ("a\u2066b\u2067c\u2068d\u2069e", "abcde"),  # isolates
        ("a\u200eb\u200fc\u061cd", "abcd"),  # marks
        ("tab\tkept\x00\x07\x08\x7f", "tab\tkept"),
        ("\x1b", ""),
        ("keep \U0001f469\u200d\U0001f4bb and \u200c", "keep \U0001f469\u200d\U0001f4bb and \u200c"),  # ZWJ, ZWNJ
    ],
)
def test_every_dangerous_sequence_is_stripped(dirty, clean):
    assert sanitize_text(dirty) == clean == strip_terminal_controls(dirty)
    assert not any("\x80" <= ch <= "\x9f" or ch == "\x1b" for ch in sanitize_text(dirty))


def test_a_stray_introducer_does_not_swallow_the_article():
    text = "Headline\x1b]\n\nFirst paragraph.\n\nSecond\x90 paragraph.\n"
    assert sanitize_text(text) == "Headline\n\nFirst paragraph.\n\nSecond paragraph.\n"


def test_escape_sequences_never_reach_the_article(tmp_path):
    path = tmp_path / "evil.txt"
    path.write_bytes(b"Evil \x1b[31mheadline\n\nBody with \x1b]8;;http://x\x07link\x1b]8;;\x07 and a bell\x07.\n")
    article = read_article_file(path)
    assert article.title == "Evil headline"
    assert "\x1b" not in article.body and "\x07" not in article.body
    assert article.body == "Body with link and a bell."


# -- encodings and bad input --------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Café résumé – naïve".encode("utf-8"), "utf-8"),
        ("Café résumé".encode("utf-8-sig"), "utf-8-sig"),
        ("Café résumé".encode("utf-16"), "utf-16"),
        ("Café “quoted” – dash".encode("cp1252"), "cp1252"),
        ("Café résumé".encode("latin-1"), "cp1252"),
    ],
)
def test_decoding(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.encoding == encoding
    assert decoded.text.startswith("Café")


def test_undefined_cp1252_bytes_fall_back_to_latin1():
    decoded = decode_bytes(b"Caf\xe9 \x81 ok")
    assert decoded.encoding == "latin-1"


@pytest.mark.parametrize(
    ("data", "reason"),
    [(b"", "empty"), (b"   \n\n  ", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary")],
)
def test_unreadable_input(data, reason):
    with pytest.raises(UnreadableInput, match=reason):
        decode_bytes(data)


def test_read_articles_reports_failures_and_keeps_going(tmp_path):
    (tmp_path / "good.txt").write_text("A headline\n\nSome body text here.\n")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not an article suffix: ignored
    results = list(read_articles([tmp_path, tmp_path / "missing.txt"]))
    good = [r for r in results if hasattr(r, "title")]
    failed = {Path(r.path).name: r.reason for r in results if not hasattr(r, "title")}
    assert [a.title for a in good] == ["A headline"]
    assert "empty" in failed["empty.txt"]
    assert "binary" in failed["image.md"]
    assert "does not exist" in failed["missing.txt"]


def test_named_files_must_be_articles(tmp_path):
    (tmp_path / "secrets.conf").write_text("root:x:0:0")
    (tmp_path / "bad\x1b[31mname.txt").write_text("A headline\n\nBody.\n")
    results = list(read_articles([tmp_path / "secrets.conf", tmp_path / "bad\x1b[31mname.txt"]))
    assert "is not an article file" in results[0].reason
    assert results[1].title == "A headline"
    missing = list(read_articles([tmp_path / "gone\x1b[2J.txt"]))[0]
    assert "\x1b" not in missing.path


@pytest.mark.skipif(not (SHARED_DATA / "bbc").is_dir(), reason="shared BBC data not present")
def test_latin1_bbc_article_decodes():
    article = read_article_file(SHARED_DATA / "bbc" / "sport" / "199.txt")
    assert article.title
    assert "\ufffd" not in article.body


def test_a_dated_lede_is_body_not_standfirst(tmp_path):
    path = write_article(
        tmp_path,
        "wire.txt",
        "Moscow formally recognises Taliban administration",
        "Russia on Thursday became the first country to formally recognise the Taliban government, "
        "the Afghan foreign ministry said.\n\n" + "More reporting follows in this paragraph. " * 20,
    )
    article = read_article_file(path)
    assert article.standfirst == ""
    assert article.body.startswith("Russia on Thursday became the first country")
