"""`newsreader check` reads posting lists a block at a time and the term
list as it walks it: the same document numbers as Whoosh's own matcher,
over lists long enough to span several blocks."""

from __future__ import annotations

from whoosh.codec.whoosh3 import W3LeafMatcher

from index.health.check import _posting_ids, check_library
from index.ingest import read_article_file
from index.library import Library as Core

from .conftest import make_articles


def test_block_reads_give_every_posting_of_long_lists(tmp_path):
    core = Core.open(tmp_path / "library", seed=False)
    core.add_articles(read_article_file(path) for path in make_articles(tmp_path / "in", 300))
    reader = core.searcher().reader()
    long_lists = 0
    for fieldname, term in [("body", b"harbour"), ("body", b"council"), ("title", b"report"), ("id", None)]:
        terms = [term] if term is not None else list(reader.lexicon(fieldname))[:20]
        for text in terms:
            for leaf, _offset in reader.leaf_readers():
                if (fieldname, text) not in leaf:
                    continue
                info = leaf._terms.term_info(fieldname, text)
                fresh = leaf._terms._codec.postings_reader(leaf._terms._postfile, info, leaf.schema[fieldname].format)
                expected = list(leaf.postings(fieldname, text).all_ids())
                long_lists += isinstance(fresh, W3LeafMatcher) and len(expected) > 128
                assert _posting_ids(fresh) == expected
    assert long_lists >= 2  # lists of several blocks were read
    core.close()
    report = check_library(tmp_path / "library")
    assert report.ok and report.articles == 300
