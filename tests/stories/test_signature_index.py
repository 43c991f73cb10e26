"""The stories side file's signature index groups exactly as the in-memory one."""

from __future__ import annotations

import random

from index.stories.database import connect
from index.stories.grouping import Grouper
from index.stories.signature import Signature
from index.stories.signature_index import MemorySignatures, StoredSignatures


def _corpus(count: int = 400, seed: int = 7) -> list[Signature]:
    """Articles on 60 events: each takes most of its event's words, some common words and noise."""
    rng = random.Random(seed)
    common = [f"common{n}" for n in range(40)]
    events = [([f"e{e}w{n}" for n in range(12)], rng.randrange(738000, 738060)) for e in range(60)]
    signatures = []
    for number in range(count):
        words, day = events[rng.randrange(len(events))]
        terms = {w: rng.choice((1.0, 2.0, 3.0, 5.0)) for w in rng.sample(words, 8)}
        terms.update({w: 1.0 for w in rng.sample(common, 6)})
        terms.update({f"noise{rng.randrange(3000)}": 1.0 for _ in range(4)})
        dated = rng.random() < 0.8
        signatures.append(Signature(f"a{number:04d}", terms, day + rng.randrange(3) if dated else None))
    return signatures


def _group(grouper: Grouper, signatures: list[Signature]) -> dict[str, str]:
    found = {}
    for n, signature in enumerate(signatures):
        story, _ = grouper.best_story(signature)
        story = story or f"s{n}"
        grouper.remember(signature, story)
        found[signature.article] = story
        if n % 50 == 49:  # removals between adds change the frequencies both must follow
            gone = signatures[n - 10].article
            grouper.forget(gone)
            found.pop(gone, None)
    return found


def test_the_stored_index_groups_as_the_memory_one(tmp_path):
    signatures = _corpus()
    in_memory = _group(Grouper(MemorySignatures()), signatures)
    connection = connect(tmp_path, write=True)
    stored = _group(Grouper(StoredSignatures(connection)), signatures)
    assert stored == in_memory
    assert 20 < len(set(stored.values())) < 200  # a corpus where joining and not joining both happen
    connection.close()


def test_the_stored_index_answers_as_the_memory_one(tmp_path):
    signatures = _corpus(120)
    memory, stored = MemorySignatures(), StoredSignatures(connect(tmp_path, write=True))
    for signature in signatures:
        memory.put(signature)
        stored.put(signature)
    for signature in signatures[::7]:
        memory.drop(signature.article)
        stored.drop(signature.article)
    assert stored.count() == memory.count() == 120 - len(signatures[::7])
    terms = {t for s in signatures for t in s.terms}
    assert stored.df(terms) == memory.df(terms)
    assert all(stored.postings(t) == memory.postings(t) for t in terms)
    wanted = [s.article for s in signatures[:30]]
    assert stored.signatures(wanted) == memory.signatures(wanted)


def test_a_bulk_load_matches_one_by_one(tmp_path):
    signatures = _corpus(150)
    (tmp_path / "bulk").mkdir()
    bulk = StoredSignatures(connect(tmp_path / "bulk", write=True))
    # A later line for an article keeps its place and takes the later signature.
    again = Signature(signatures[3].article, {"changed": 1.0}, None)
    bulk.load([*signatures, again])
    terms = {t for s in signatures for t in s.terms} | {"changed"}
    assert bulk.count() == 150
    assert [s.article for s in bulk.all()] == [s.article for s in signatures]
    assert bulk.signatures([again.article]) == {again.article: again}
    replaced = [again if s.article == again.article else s for s in signatures]
    reference = MemorySignatures()
    for signature in replaced:
        reference.put(signature)
    assert bulk.df(terms) == reference.df(terms)
    assert all(bulk.postings(t) == reference.postings(t) for t in terms)
