"""Story grouping benchmark on BASIL: do articles about one event land in one story?

    .venv/bin/python tests/bench/stories.py [--sweep] [--no-dates] [--stored] [--json]

BASIL (../shared/data/basil-dev) holds events each covered by three outlets
(Fox News, New York Times, HuffPost), one JSON per article; `triplet-uuid`
names the event. Every article is cleaned into an Article (title, the
body paragraphs joined, the date), analysed with the built-in engine, and
grouped by index.stories exactly as `newsreader add` does: one at a time,
in date order. The report gives pairwise precision, recall and F1 (over
all pairs of articles: grouped together vs same event) and the adjusted
Rand index. --no-dates groups without the dates (as for files that carry
none), which leaves only the words to go by. --stored keeps the signatures
in a stories.sqlite3 side file as a library does (the same groups, found
through its inverted index). --sweep repeats the grouping over a range of join thresholds.
Run by hand; pytest never collects tests/bench.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import datetime
from itertools import combinations
from math import comb
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from index.article import Article  # noqa: E402
from index.library import analyse_article  # noqa: E402
from index.stories import grouping  # noqa: E402
from index.stories.grouping import Grouper  # noqa: E402
from index.stories.signature import signature_of  # noqa: E402

BASIL = ROOT.parent / "shared" / "data" / "basil-dev"


def read_basil() -> tuple[list[Article], dict[str, str]]:
    articles, event = [], {}
    for path in sorted(BASIL.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) if isinstance(p, list) else p for p in data["body-paragraphs"])
        published = datetime.fromisoformat(data["date"]) if data.get("date") else None
        article = Article(path.stem, data["title"], body, source=data.get("source", ""), published=published)
        articles.append(analyse_article(article, "builtin"))
        event[article.id] = data["triplet-uuid"]
    articles.sort(key=lambda a: (a.published or datetime.min, a.id))
    return articles, event


def group(articles: list[Article], index=None) -> dict[str, str]:
    grouper = Grouper(index)
    stories: dict[str, str] = {}
    for n, article in enumerate(articles):
        signature = signature_of(article)
        story, _ = grouper.best_story(signature)
        story = story or f"s{n}"
        grouper.remember(signature, story)
        stories[article.id] = story
    return stories


def pairwise(predicted: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    tp = fp = fn = 0
    for a, b in combinations(sorted(gold), 2):
        same_pred, same_gold = predicted[a] == predicted[b], gold[a] == gold[b]
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def adjusted_rand(predicted: dict[str, str], gold: dict[str, str]) -> float:
    ids = sorted(gold)
    contingency = Counter((predicted[i], gold[i]) for i in ids)
    sum_cells = sum(comb(n, 2) for n in contingency.values())
    sum_pred = sum(comb(n, 2) for n in Counter(predicted[i] for i in ids).values())
    sum_gold = sum(comb(n, 2) for n in Counter(gold[i] for i in ids).values())
    expected = sum_pred * sum_gold / comb(len(ids), 2)
    maximum = (sum_pred + sum_gold) / 2
    return (sum_cells - expected) / (maximum - expected) if maximum != expected else 1.0


def stored_index(directory: Path):
    """The signature index a library uses (stories.sqlite3 in `directory`)."""
    from index.stories.database import connect
    from index.stories.signature_index import StoredSignatures

    connection = connect(directory, write=True)
    connection.execute("BEGIN IMMEDIATE")  # one transaction, as a chunk of an add
    return StoredSignatures(connection)


def evaluate(articles, gold, threshold: float, stored: bool = False) -> dict:
    import tempfile

    start = time.perf_counter()
    if stored:
        with tempfile.TemporaryDirectory() as directory:
            predicted = group(articles, stored_index(Path(directory)))
    else:
        predicted = group(articles)
    elapsed = time.perf_counter() - start
    stories = Counter(predicted.values())
    return {
        "threshold": threshold,
        **pairwise(predicted, gold),
        "ari": adjusted_rand(predicted, gold),
        "stories": len(stories),
        "events": len(set(gold.values())),
        "exact_events": sum(
            1 for e in set(gold.values())
            if len({predicted[a] for a in gold if gold[a] == e}) == 1
            and stories[predicted[next(a for a in gold if gold[a] == e)]] == 3
        ),
        "ms_per_article": 1000 * elapsed / len(articles),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sweep", action="store_true", help="try join thresholds from 0.10 to 0.50")
    parser.add_argument("--no-dates", action="store_true", help="drop publication dates (files often lack them)")
    parser.add_argument("--stored", action="store_true",
                        help="keep the signatures in a stories.sqlite3, as a library does (the default: in memory)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not BASIL.is_dir():
        print(f"BASIL not found at {BASIL}", file=sys.stderr)
        return 1
    articles, gold = read_basil()
    if args.no_dates:
        for article in articles:
            article.published = None
    results = []
    # The threshold that applies: dated pairs, or (with --no-dates) undated ones.
    name = "JOIN_THRESHOLD" if args.no_dates else "DATED_JOIN_THRESHOLD"
    default = getattr(grouping, name)
    thresholds = [round(0.10 + 0.04 * k, 2) for k in range(11)] if args.sweep else [default]
    for threshold in thresholds:
        setattr(grouping, name, threshold)
        results.append(evaluate(articles, gold, threshold, args.stored))
    setattr(grouping, name, default)
    if args.json:
        print(json.dumps(results if args.sweep else results[0], indent=2))
        return 0
    print(f"BASIL dev: {len(articles)} articles, {results[0]['events']} events of 3 outlets each")
    print("  threshold  pair-P  pair-R  pair-F1    ARI  stories  events-exact  ms/article")
    for r in results:
        print(f"  {r['threshold']:9.2f}  {r['precision']:6.1%}  {r['recall']:6.1%}  {r['f1']:7.1%}  "
              f"{r['ari']:5.3f}  {r['stories']:7d}  {r['exact_events']:12d}  {r['ms_per_article']:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
