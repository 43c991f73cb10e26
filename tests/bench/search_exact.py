"""Search answers, to check that a faster search changes nothing.

    .venv/bin/python tests/bench/search_exact.py LIBRARY --out FILE [--code DIR] [--exhaustive]
    .venv/bin/python tests/bench/search_exact.py --compare A.json B.json

Runs scale.py's 60 queries with the code tree DIR (default: this one) the
way the app runs them (top 200, `index.search.search`) and writes, per
query: the hits' ids and scores (repr, so every bit counts), the ranked
document numbers with scores, the total and the notes. `--exhaustive` also
ranks each query with Whoosh's plain search (parsed and expanded as the app
does, no fast paths, limit=None) and records whether its top 200 are the
same documents, scores and order. `--compare` prints the queries whose
answers differ between two files. Search only reads: the library may be
one you must not write to. Run by hand; not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def answers(library_dir: Path, queries: list[str], exhaustive: bool) -> dict:
    from index import Library
    from index.search import search
    from index.search.core import _collect, prepare_query
    from index.search.limits import Budget, expand_query
    from index.search.parsing import parse_query

    library = Library.open(library_dir)
    out = {}
    for text in queries:
        results = search(library, text, limit=200, snippets=0, time_budget=60)
        searcher = library.searcher()
        ranked, _, _ = _collect(searcher, prepare_query(parse_query(text), searcher, Budget(60)), 200, Budget(60))
        row = {
            "hits": [[h.id, repr(h.score)] for h in results.hits],
            "ranked": [[d, repr(s)] for d, s in ranked.items()],
            "total": results.total,
            "exact": results.total_exact,
            "notes": results.notes,
        }
        if exhaustive:
            plain = expand_query(parse_query(text), searcher.reader(), Budget(60))
            every = searcher.search(plain, limit=None)
            row["exhaustive_same"] = [[d, repr(s)] for d, s in list(every.items())[:200]] == row["ranked"]
            row["exhaustive_total"] = len(every)
        out[text] = row
    return out


def compare(a: dict, b: dict) -> int:
    differ = 0
    for text in a:
        for key in ("hits", "ranked", "total", "exact", "notes"):
            if a[text].get(key) != b.get(text, {}).get(key):
                differ += 1
                print(f"DIFFERS {text!r}: {key}")
                break
        for side, name in ((a, "A"), (b, "B")):
            row = side.get(text, {})
            if row.get("exhaustive_same") is False:
                print(f"{name}: {text!r} top 200 differ from the exhaustive search")
            if row.get("exact") and "exhaustive_total" in row and row["exhaustive_total"] != row["total"]:
                print(f"{name}: {text!r} total {row['total']} vs exhaustive {row['exhaustive_total']}")
    print(f"{len(a) - differ}/{len(a)} queries the same")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("library", type=Path, nargs="?")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--code", type=Path, default=HERE.parents[1])
    parser.add_argument("--exhaustive", action="store_true")
    parser.add_argument("--queries", help="JSON list of queries (default: scale.py's 60)")
    parser.add_argument("--compare", nargs=2, type=Path)
    args = parser.parse_args()
    if args.compare:
        a, b = (json.loads(p.read_text()) for p in args.compare)
        raise SystemExit(1 if compare(a, b) else 0)
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(HERE))
    from scale import QUERIES

    queries = json.loads(args.queries) if args.queries else QUERIES
    args.out.write_text(json.dumps(answers(args.library, queries, args.exhaustive), indent=1))


if __name__ == "__main__":
    main()
