"""The smaller index: postings pickled compactly, the analysis packed into a
string, and libraries written the old way still read (alone and mixed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.formats import Positions
from whoosh.writing import SegmentWriter

import index.schema as schema_module
from index import Library
from index.analysis.storage import encode
from index.library import documents, locking, stored
from index.library.codec import CompactCodec
from index.positions import CompactPositions, decode_positions, encode_positions
from index.schema import build_schema
from index.search.core import search

from .conftest import write_article

QUOTED = (
    'Maria Lopez, the mayor of Valparaiso, spoke to the harbour council on Monday. '
    '"We will rebuild the sea wall before winter," Lopez said.\n\n'
    'The United Nations sent engineers. "The head of state visited the port," said John Smith.'
)


def _analysed(library: Library, tmp_path: Path, name: str = "quoted.txt", title: str = "Harbour council meets"):
    write_article(tmp_path / "in", name, title, QUOTED)
    library.add_paths([tmp_path / "in" / name])
    found = [a for a in (library.get(s.id) for s in library.summaries()) if a and a.title == title]
    assert found, "the article was added"
    return found[0]


def test_pack_round_trips_an_analysis(library, tmp_path):
    article = _analysed(library, tmp_path)
    body, title = encode(article.analysis), encode(article.title_analysis)
    assert body["e"] and body["q"], "the example has entities and quotes"

    packed = stored.pack(body, title)

    assert isinstance(packed, str) and packed.startswith(stored.VERSION)
    assert stored.unpack(packed) == {"body": body, "title": title}
    assert stored.unpack(stored.pack(body, None)) == {"body": body, "title": None}


def test_pack_round_trips_empty_and_unattributed_analyses():
    empty = {"n": [], "e": [], "q": []}
    unattributed = {"n": ["Kabul", ""], "e": [[5, 10, 2, 0], [3, 4, 1, 1]], "q": [[20, 40, 2, "", -1, -1, -1]]}
    for body in (empty, unattributed):
        assert stored.unpack(stored.pack(body, empty)) == {"body": body, "title": empty}


@pytest.mark.parametrize("name", ["A\x1fB", "x\x1ey", "p\x1dq", ""])
def test_pack_keeps_the_lists_when_a_text_would_be_ambiguous(name):
    body = {"n": [name], "e": [[0, 3, 0, 0]], "q": []}
    packed = stored.pack(body, None)
    assert packed == {"body": body, "title": None}
    assert stored.unpack(packed) == packed


def test_unpack_reads_the_old_form_and_nothing():
    old = {"body": {"n": ["Kabul"], "e": [[0, 5, 2, 0]], "q": []}, "title": None}
    assert stored.unpack(old) is old
    assert stored.unpack(None) == {}
    assert stored.unpack("") == {}


def test_a_new_article_stores_the_packed_analysis_and_reads_it_back(library, tmp_path):
    article = _analysed(library, tmp_path)
    record = library.searcher().document(id=article.id)
    assert isinstance(record["analysis"], str)
    assert [(e.text, e.label, e.canonical) for e in article.analysis.entities]
    assert any(q.speaker and q.speaker.canonical for q in article.analysis.quotes)
    for entity in article.analysis.entities:
        assert article.body[entity.start:entity.end] == entity.text
    for quote in article.analysis.quotes:
        assert article.body[quote.start:quote.end] == quote.text


def _old_format(monkeypatch) -> None:
    """Write as the version before this one did: Whoosh's own writer, the
    analysis as lists."""
    monkeypatch.setattr(locking, "CompactCodec", W3Codec)
    monkeypatch.setattr(schema_module, "compact_positions", lambda schema: None)
    monkeypatch.setattr(stored, "pack", lambda body, title: {"body": body, "title": title})


def test_a_library_written_in_the_old_format_reads_and_grows(tmp_path, monkeypatch):
    with monkeypatch.context() as old:
        _old_format(old)
        lib = Library.open(tmp_path / "lib")
        before = _analysed(lib, tmp_path, "old.txt", "Harbour council meets")
        lib.close()

    lib = Library.open(tmp_path / "lib")
    try:
        assert type(lib._ix.schema["body"].format) is Positions  # the schema it was made with
        assert isinstance(lib.searcher().document(id=before.id)["analysis"], dict)
        after = _analysed(lib, tmp_path, "new.txt", "Second harbour council meeting")
        assert isinstance(lib.searcher().document(id=after.id)["analysis"], str)
        again = lib.get(before.id)
        assert again.analysis == before.analysis and again.title_analysis == before.title_analysis
        assert [(e.text, e.canonical) for e in after.analysis.entities] == [
            (e.text, e.canonical) for e in before.analysis.entities
        ]
        # Old and new segments answer one phrase, name and quote query together.
        for query in ('"head of state"', 'org:"United Nations"', 'quote:"sea wall"', "speaker:lopez"):
            assert {hit.id for hit in search(lib, query).hits} == {before.id, after.id}, query
    finally:
        lib.close()


def test_new_segments_name_the_stock_codec(library, tmp_path):
    _analysed(library, tmp_path)
    segments = whoosh_index.open_dir(str(library.directory / "index"))._segments()
    assert segments and all(type(segment.codec()) is W3Codec for segment in segments)


def _build(directory: Path, codec, articles) -> Path:
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), build_schema())
    writer = SegmentWriter(ix, codec=codec, compound=False)
    for article in articles:
        writer.add_document(**{k: v for k, v in documents.to_document(article).items()})
    writer.commit()
    return directory


def _postings_bytes(directory: Path) -> int:
    return sum(p.stat().st_size for p in directory.glob("*.pst"))


def test_compact_postings_are_smaller_and_score_and_store_the_same(library, tmp_path):
    articles = [library.get(s.id) for s in library.summaries()]
    stock = whoosh_index.open_dir(str(_build(tmp_path / "stock", W3Codec(), articles)))
    compact = whoosh_index.open_dir(str(_build(tmp_path / "compact", CompactCodec(), articles)))

    assert _postings_bytes(tmp_path / "compact") < 0.75 * _postings_bytes(tmp_path / "stock")
    from whoosh.qparser import MultifieldParser

    parser = MultifieldParser(["title", "body"], stock.schema)
    for text in ("minister", '"human rights"', "title:taliban", "kabul OR moscow", "recogni*"):
        with stock.searcher() as old, compact.searcher() as new:
            q = parser.parse(text)
            scored_old = [(old.stored_fields(h.docnum)["id"], h.score) for h in old.search(q, limit=None)]
            scored_new = [(new.stored_fields(h.docnum)["id"], h.score) for h in new.search(q, limit=None)]
            assert scored_old and scored_new == scored_old, text
    with stock.reader() as old, compact.reader() as new:
        assert list(new.all_stored_fields()) == list(old.all_stored_fields())
    stock.close()
    compact.close()


@pytest.mark.parametrize("positions", [[0], [3, 4, 200], [7, 300, 301, 70000], [65535, 65536 + 70000], list(range(0, 5000, 3))])
def test_packed_positions_round_trip(positions):
    packed = encode_positions(positions)
    assert decode_positions(packed) == positions
    assert CompactPositions().decode_frequency(packed) == len(positions)


def test_a_new_library_packs_positions_and_answers_phrases(library, tmp_path):
    stored_schema = library._ix.schema
    for name in ("title", "body", "person", "org", "place", "speaker", "quote"):
        assert type(stored_schema[name].format) is CompactPositions, name
    assert stored_schema["title"].format.field_boost == build_schema()["title"].format.field_boost > 1
    article = _analysed(library, tmp_path)
    for query in ('"head of state"', 'org:"United Nations"', 'quote:"sea wall"', 'person:"John Smith"'):
        assert article.id in {hit.id for hit in search(library, query).hits}, query
    assert article.id not in {hit.id for hit in search(library, '"state of head"').hits}
