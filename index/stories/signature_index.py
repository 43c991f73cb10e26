"""Where the grouper finds grouped articles' signatures: in memory (a
benchmark, a test) or in the stories side file (a library).

Both answer the same few questions: how many signatures, each term's
document frequency, a term's articles in the order they were grouped,
and given articles' signatures. Grouping a new article asks only about
its own terms and at most MAX_CANDIDATES others, so the stored kind keeps
nothing of the library in memory (100k articles: 2.2 s and ~800 MB to load
signatures.jsonl before, none now).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import Protocol

from .database import chunks, get_meta, set_meta
from .signature import Signature


class SignatureIndex(Protocol):
    def count(self) -> int: ...

    def has(self, article: str) -> bool: ...

    def df(self, terms: Iterable[str]) -> dict[str, int]: ...

    def postings(self, term: str) -> list[str]: ...

    def keys(self, term: str) -> list:
        """The term's articles in grouped order, as keys `by_keys` resolves
        (the stored index answers with row numbers: no join per posting)."""
        ...

    def by_keys(self, keys: list) -> dict: ...

    def signatures(self, articles: Iterable[str]) -> dict[str, Signature]: ...

    def put(self, signature: Signature) -> None: ...

    def drop(self, article: str) -> None: ...


class MemorySignatures:
    """Every signature in dicts (what the grouper held before the side file)."""

    def __init__(self) -> None:
        self.by_article: dict[str, Signature] = {}
        self.frequency: Counter[str] = Counter()
        self.lists: dict[str, list[str]] = {}

    def count(self) -> int:
        return len(self.by_article)

    def has(self, article: str) -> bool:
        return article in self.by_article

    def df(self, terms: Iterable[str]) -> dict[str, int]:
        return {t: self.frequency[t] for t in terms if self.frequency.get(t)}

    def postings(self, term: str) -> list[str]:
        return self.lists.get(term, [])

    def keys(self, term: str) -> list:
        return self.postings(term)

    def by_keys(self, keys: list) -> dict:
        return self.signatures(keys)

    def signatures(self, articles: Iterable[str]) -> dict[str, Signature]:
        return {a: self.by_article[a] for a in articles if a in self.by_article}

    def put(self, signature: Signature) -> None:
        self.drop(signature.article)
        self.by_article[signature.article] = signature
        for term in signature.terms:
            self.frequency[term] += 1
            self.lists.setdefault(term, []).append(signature.article)

    def drop(self, article: str) -> None:
        signature = self.by_article.pop(article, None)
        if signature is None:
            return
        for term in signature.terms:
            self.frequency[term] -= 1
            postings = self.lists.get(term)
            if postings and article in postings:
                postings.remove(article)


def _encode(terms: dict[str, float]) -> str:
    return json.dumps(terms, ensure_ascii=False, separators=(",", ":"))


class StoredSignatures:
    """Signatures in `stories.sqlite3`; the caller owns the transaction."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        value = get_meta(connection, "count")
        self._count = int(value) if value and value.isdigit() else self._recount()

    def reload_count(self) -> None:
        value = get_meta(self.connection, "count")
        self._count = int(value) if value and value.isdigit() else self._recount()

    def _recount(self) -> int:
        return self.connection.execute("SELECT COUNT(*) FROM signatures").fetchone()[0]

    def count(self) -> int:
        return self._count

    def has(self, article: str) -> bool:
        return self.connection.execute("SELECT 1 FROM signatures WHERE article = ?", (article,)).fetchone() is not None

    def df(self, terms: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        for part in chunks(list(terms)):
            marks = ",".join("?" * len(part))
            found.update(self.connection.execute(
                f"SELECT term, df FROM terms WHERE df > 0 AND term IN ({marks})", part))
        return found

    def postings(self, term: str) -> list[str]:
        return [row[0] for row in self.connection.execute(
            "SELECT s.article FROM terms t JOIN postings p ON p.term = t.id JOIN signatures s ON s.seq = p.seq"
            " WHERE t.term = ? ORDER BY p.seq", (term,))]

    def keys(self, term: str) -> list:
        # 830 look-ups grouping 100 articles: joining each posting to its
        # article took 2.2 s of 9 on a busy machine; row numbers alone, far less.
        return [row[0] for row in self.connection.execute(
            "SELECT p.seq FROM postings p WHERE p.term = (SELECT id FROM terms WHERE term = ?) ORDER BY p.seq",
            (term,))]

    def by_keys(self, keys: list) -> dict:
        found: dict = {}
        for part in chunks(list(keys)):
            marks = ",".join("?" * len(part))
            for seq, article, day, terms in self.connection.execute(
                    f"SELECT seq, article, day, terms FROM signatures WHERE seq IN ({marks})", part):
                found[seq] = Signature(article, json.loads(terms), day)
        return found

    def signatures(self, articles: Iterable[str]) -> dict[str, Signature]:
        found: dict[str, Signature] = {}
        for part in chunks(list(dict.fromkeys(articles))):
            marks = ",".join("?" * len(part))
            for article, day, terms in self.connection.execute(
                    f"SELECT article, day, terms FROM signatures WHERE article IN ({marks})", part):
                found[article] = Signature(article, json.loads(terms), day)
        return found

    def all(self) -> list[Signature]:
        """Every signature, in the order grouped (a rebuild, a repair)."""
        return [Signature(article, json.loads(terms), day) for article, day, terms in
                self.connection.execute("SELECT article, day, terms FROM signatures ORDER BY seq")]

    def articles(self) -> set[str]:
        return {row[0] for row in self.connection.execute("SELECT article FROM signatures")}

    def put(self, signature: Signature) -> None:
        self.drop(signature.article)
        cursor = self.connection.execute(
            "INSERT INTO signatures (article, day, terms) VALUES (?, ?, ?)",
            (signature.article, signature.day, _encode(signature.terms)))
        seq = cursor.lastrowid
        ids = []
        for term in signature.terms:
            row = self.connection.execute(
                "INSERT INTO terms (term, df) VALUES (?, 1) ON CONFLICT (term) DO UPDATE SET df = df + 1 RETURNING id",
                (term,)).fetchone()
            ids.append((row[0], seq))
        self.connection.executemany("INSERT OR IGNORE INTO postings (term, seq) VALUES (?, ?)", ids)
        self._set_count(self._count + 1)

    def drop(self, article: str) -> None:
        row = self.connection.execute("SELECT seq, terms FROM signatures WHERE article = ?", (article,)).fetchone()
        if row is None:
            return
        seq, terms = row
        for term in json.loads(terms):
            found = self.connection.execute("UPDATE terms SET df = df - 1 WHERE term = ? RETURNING id", (term,)).fetchone()
            if found is not None:
                self.connection.execute("DELETE FROM postings WHERE term = ? AND seq = ?", (found[0], seq))
        self.connection.execute("DELETE FROM signatures WHERE seq = ?", (seq,))
        self._set_count(self._count - 1)

    def clear(self) -> None:
        for table in ("postings", "terms", "signatures"):
            self.connection.execute(f"DELETE FROM {table}")
        self._set_count(0)

    def load(self, signatures: Iterable[Signature]) -> int:
        """Bulk-insert signatures into an empty index (migrating a library),
        streamed: an article met again keeps its first place and takes the
        later signature, as loading signatures.jsonl into a dict did. The
        terms and postings are then made by SQLite itself from the stored
        terms (100k articles, ~3M postings: Python doing it took 33 s and
        750 MB on a busy machine)."""
        self.connection.executemany(
            "INSERT INTO signatures (article, day, terms) VALUES (?, ?, ?)"
            " ON CONFLICT (article) DO UPDATE SET day = excluded.day, terms = excluded.terms",
            ((s.article, s.day, _encode(s.terms)) for s in signatures))
        frequency: Counter[str] = Counter()
        for (terms,) in self.connection.execute("SELECT terms FROM signatures ORDER BY seq"):
            frequency.update(json.loads(terms).keys())  # a dict would add its weights
        self.connection.executemany("INSERT INTO terms (term, df) VALUES (?, ?)", frequency.items())
        self.connection.execute(
            "INSERT OR IGNORE INTO postings (term, seq) SELECT t.id, s.seq FROM signatures s, json_each(s.terms) j"
            " JOIN terms t ON t.term = j.key ORDER BY t.id, s.seq")
        self._set_count(self._recount())
        return self._count

    def _set_count(self, value: int) -> None:
        self._count = value
        set_meta(self.connection, "count", str(value))
