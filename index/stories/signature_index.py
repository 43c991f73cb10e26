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
        """Bulk-insert signatures into an empty index (migrating a library):
        one pass, postings written in key order (100k articles: ~3M rows)."""
        frequency: Counter[str] = Counter()
        rows, keys = [], []
        for seq, signature in enumerate(signatures, 1):
            rows.append((seq, signature.article, signature.day, _encode(signature.terms)))
            keys.append(list(signature.terms))
            frequency.update(signature.terms)
        self.connection.executemany("INSERT INTO signatures (seq, article, day, terms) VALUES (?, ?, ?, ?)", rows)
        term_ids = {term: number for number, term in enumerate(frequency, 1)}
        self.connection.executemany("INSERT INTO terms (id, term, df) VALUES (?, ?, ?)",
                                    ((term_ids[t], t, n) for t, n in frequency.items()))
        postings = sorted((term_ids[t], seq) for seq, terms in enumerate(keys, 1) for t in terms)
        self.connection.executemany("INSERT OR IGNORE INTO postings (term, seq) VALUES (?, ?)", postings)
        self._set_count(len(rows))
        return len(rows)

    def _set_count(self, value: int) -> None:
        self._count = value
        set_meta(self.connection, "count", str(value))
