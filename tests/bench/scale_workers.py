"""Child-process entry points for tests/bench/scale.py (one phase per process).

    python tests/bench/scale_workers.py search LIBRARY QUERIES_JSON PASSES
    python tests/bench/scale_workers.py fts5-build CORPUS DB
    python tests/bench/scale_workers.py fts5-search DB QUERIES_JSON PASSES

Each prints one JSON object on stdout. A search worker opens the index, runs
one untimed warm-up pass over the queries, then PASSES timed passes; the
queries run the way the app runs them: top 200 hits, snippets for the first 20.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

FTS5_SQL = (
    "SELECT rowid, title, snippet(articles, 1, '[', ']', '…', 24) FROM articles "
    "WHERE articles MATCH ? ORDER BY bm25(articles, 3.0, 1.0) LIMIT 200"
)


def newsreader_search(library_dir: Path, queries: list[str], passes: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from index import Library
    from index.search import search

    started = time.perf_counter()
    library = Library.open(library_dir)
    library.searcher()
    open_ms = (time.perf_counter() - started) * 1000
    for query in queries:  # warm-up pass
        search(library, query, limit=200, snippets=20)
    times: dict[str, list[float]] = {query: [] for query in queries}
    cpu: dict[str, list[float]] = {query: [] for query in queries}
    totals: dict[str, int] = {}
    for _ in range(passes):
        for query in queries:
            t, c = time.perf_counter(), time.process_time()
            results = search(library, query, limit=200, snippets=20)
            times[query].append((time.perf_counter() - t) * 1000)
            cpu[query].append((time.process_time() - c) * 1000)
            totals[query] = results.total
    return {"open_ms": open_ms, "times": times, "cpu": cpu, "totals": totals, "open_files": open_files()}


def open_files() -> int | None:
    """File descriptors this process holds (Linux): a searcher keeps about 5
    per segment open, and segments grow with the library."""
    fd_dir = Path("/proc/self/fd")
    return len(list(fd_dir.iterdir())) if fd_dir.is_dir() else None


def fts5_query(query: str) -> str:
    """The same query in FTS5 syntax."""
    q = query.replace("title:(england rugby)", "title:england AND title:rugby")
    q = re.sub(r"\bAND NOT\b", "NOT", q)
    return q


def read_text(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def fts5_build(corpus: Path, db_path: Path) -> dict:
    """Index title and body with porter stemming; exact duplicates once (as newsreader skips them)."""
    db_path.unlink(missing_ok=True)
    db = sqlite3.connect(db_path)
    db.execute("CREATE VIRTUAL TABLE articles USING fts5(title, body, tokenize='porter unicode61')")
    started = time.perf_counter()
    seen: set[int] = set()
    rows = 0
    with db:
        for path in sorted(corpus.rglob("*.txt")):
            text = read_text(path)
            key = hash(text)
            if key in seen:
                continue
            seen.add(key)
            title, _, body = text.partition("\n")
            db.execute("INSERT INTO articles(title, body) VALUES (?, ?)", (title.strip(), body.strip()))
            rows += 1
    seconds = time.perf_counter() - started
    db.close()
    return {"rows": rows, "seconds": seconds, "articles_per_s": rows / seconds, "db_mb": db_path.stat().st_size / 1e6}


def fts5_search(db_path: Path, queries: list[str], passes: int) -> dict:
    db = sqlite3.connect(db_path)
    fts = {query: fts5_query(query) for query in queries}
    for query in queries:  # warm-up pass
        db.execute(FTS5_SQL, (fts[query],)).fetchmany(20)
    times: dict[str, list[float]] = {query: [] for query in queries}
    cpu: dict[str, list[float]] = {query: [] for query in queries}
    for _ in range(passes):
        for query in queries:
            t, c = time.perf_counter(), time.process_time()
            db.execute(FTS5_SQL, (fts[query],)).fetchmany(20)  # snippets for the first 20 hits
            times[query].append((time.perf_counter() - t) * 1000)
            cpu[query].append((time.process_time() - c) * 1000)
    db.close()
    return {"times": times, "cpu": cpu}


def main(argv: list[str]) -> None:
    command, *args = argv
    if command == "search":
        result = newsreader_search(Path(args[0]), json.loads(args[1]), int(args[2]))
    elif command == "fts5-build":
        result = fts5_build(Path(args[0]), Path(args[1]))
    elif command == "fts5-search":
        result = fts5_search(Path(args[0]), json.loads(args[1]), int(args[2]))
    else:
        raise SystemExit(f"unknown command {command!r}")
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
