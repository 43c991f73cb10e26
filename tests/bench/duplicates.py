"""Near-duplicate benchmark: wire copy republished with small edits, found or not.

    .venv/bin/python tests/bench/duplicates.py [--originals 300] [--republished 100] [--seed 7] [--sweep] [--json]

Builds a corpus with known near duplicates from the BBC set
(../shared/data/bbc, never copied into the project): `originals` articles,
`republished` of them republished 1-3 times under other outlets' names with
the edits wire copy gets (a new headline, a dateline or byline, a paragraph
cut from the end or the middle, a boilerplate paragraph added, a few words
changed). Hard negatives are BASIL's events (../shared/data/basil-dev): the
same event reported by three outlets in their own words, which must not
match. Everything is added to a temporary library exactly as `newsreader
add` adds it (the dupes step runs inside the add); the report gives the
pairs expected and found, precision and recall over pairs, and the cost of
the dupes step (median ms per article over the add's chunks).

--sweep prints the exact Jaccard resemblance of copies and of hard negatives
for several shingle sizes, which is how SHINGLE_WORDS and THRESHOLD were chosen.
Run by hand; pytest never collects tests/bench. `duplicate_benchmark()` is
importable (tests/bench/web.py prints its "duplicates found").
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from index.article import Article  # noqa: E402
from index.dupes.shingles import jaccard, shingles  # noqa: E402

BBC = ROOT.parent / "shared" / "data" / "bbc"
BASIL = ROOT.parent / "shared" / "data" / "basil-dev"

OUTLETS = [
    "Daily Courier", "Metro Herald", "Northern Post", "Valley News", "City Gazette",
    "Evening Chronicle", "Coast Observer", "Capital Ledger", "Morning Star-Tribune", "Harbour Times",
]  # fmt: skip
DATELINES = ["LONDON (Reuters) - ", "LONDON, {day} (AP) — ", "(AFP) - ", "LONDON: ", "London, {day} - "]
BYLINES = ["By Staff Reporter", "By our business correspondent", "By Press Association", "From wire reports"]
ADDED = [
    "Additional reporting by staff in London.",
    "Copyright 2005 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Read more: our full coverage of the day's news is on the website.",
    "This story has been updated with further details.",
    "Have your say on this story in the comments below.",
]
SWAPS = {
    "said": "says", "programme": "program", "per cent": "percent", "Mr ": "Mr. ", "firm": "company",
    "UK": "Britain", "however": "but", "centre": "center", "told": "said to", "expected": "likely",
    "although": "though", "also": "", "around": "about", "people": "persons",
}  # fmt: skip
HEADLINE_PREFIXES = ["UPDATE 1-", "WRAPUP-", "", "BREAKING: "]

Pair = frozenset[str]


def read_bbc() -> list[Article]:
    """Every BBC article: the first line is the title, the rest the body."""
    articles = []
    for path in sorted(BBC.glob("*/*.txt")):
        text = path.read_text(encoding="latin-1").strip()
        title, _, body = text.partition("\n")
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body.strip()) if p.strip()]
        if len(paragraphs) >= 3:
            articles.append(Article(f"bbc-{path.parent.name}-{path.stem}", title.strip(), "\n\n".join(paragraphs),
                                    source="BBC"))
    return articles


def read_basil() -> list[tuple[Article, str]]:
    """BASIL's articles with their event: same story, different words."""
    found = []
    for path in sorted(BASIL.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) if isinstance(p, list) else p for p in data["body-paragraphs"])
        published = datetime.fromisoformat(data["date"]).replace(tzinfo=timezone.utc) if data.get("date") else None
        article = Article(f"basil-{path.stem}", data["title"], body, source=data.get("source", ""), published=published)
        found.append((article, data["triplet-uuid"]))
    return found


def _swap_words(rng: random.Random, text: str, changes: int) -> str:
    present = [old for old in SWAPS if old in text]
    rng.shuffle(present)
    for old in present[:changes]:
        text = text.replace(old, SWAPS[old], 1)
    return text


def wire_copy(rng: random.Random, original: Article, outlet: str, number: int) -> Article:
    """A republication of `original` by `outlet` with two to four of the usual wire edits."""
    paragraphs = original.paragraphs
    title = original.title
    edits = rng.sample(["headline", "dateline", "byline", "cut", "add", "words"], rng.randint(2, 4))
    if "headline" in edits:
        words = title.split()
        if len(words) > 3 and rng.random() < 0.5:
            words[rng.randrange(len(words))] = rng.choice(["new", "major", "latest", "UK"])
        title = rng.choice(HEADLINE_PREFIXES) + " ".join(words)
    if "cut" in edits and len(paragraphs) >= 5:
        if rng.random() < 0.6:  # subs cut from the bottom
            paragraphs = paragraphs[: -rng.randint(1, 2)]
        else:
            del paragraphs[rng.randrange(1, len(paragraphs))]
    if "add" in edits:
        paragraphs = paragraphs + [rng.choice(ADDED)]
    if "words" in edits:
        paragraphs = [_swap_words(rng, p, 1) if rng.random() < 0.35 else p for p in paragraphs]
    if "dateline" in edits or (title == original.title and paragraphs == original.paragraphs):
        paragraphs[0] = rng.choice(DATELINES).format(day="Feb 3") + paragraphs[0]
    if "byline" in edits:
        paragraphs = [rng.choice(BYLINES)] + paragraphs
    published = (original.published or datetime(2005, 1, 1, tzinfo=timezone.utc)) + timedelta(hours=rng.randint(1, 30))
    return Article(f"{original.id}-copy{number}", title, "\n\n".join(paragraphs), source=outlet, published=published)


def build_corpus(originals: int = 300, republished: int = 100, seed: int = 7, negatives: bool = True
                 ) -> tuple[list[Article], set[Pair], list[str]]:
    """The articles to add (in publication order), the near-duplicate pairs
    they hold, and the ids of the hard negatives."""
    rng = random.Random(seed)
    pool = read_bbc()
    rng.shuffle(pool)
    # The BBC set repeats some of its own stories: keep originals that share
    # no more than a fifth of their shingles with another, so the only near
    # duplicates are the ones made here.
    chosen: list[Article] = []
    chosen_shingles: list[set[int]] = []
    for article in pool:
        own = shingles(article.body)
        if all(jaccard(own, other) < 0.2 for other in chosen_shingles):
            chosen.append(article)
            chosen_shingles.append(own)
        if len(chosen) == originals:
            break
    start = datetime(2005, 1, 1, 8, tzinfo=timezone.utc)
    for n, article in enumerate(chosen):
        article.published = start + timedelta(days=n)
    articles = list(chosen)
    gold: set[Pair] = set()
    hashes = {a.content_hash for a in chosen}
    for original in rng.sample(chosen, republished):
        group = [original.id]
        for number, outlet in enumerate(rng.sample(OUTLETS, rng.randint(1, 3)), 1):
            copy = wire_copy(rng, original, outlet, number)
            while copy.content_hash in hashes:  # the same edits twice would be an exact copy, merged
                copy = wire_copy(rng, original, outlet, number)
            hashes.add(copy.content_hash)
            articles.append(copy)
            group.append(copy.id)
        gold.update(frozenset(pair) for pair in combinations(group, 2))
    hard: list[str] = []
    if negatives and BASIL.is_dir():
        for article, _event in read_basil():
            articles.append(article)
            hard.append(article.id)
    articles.sort(key=lambda a: (a.published or start, a.id))
    return articles, gold, hard


def _timed_hook(times: list[tuple[float, float]]) -> Callable[[], None]:
    """Time the dupes step inside every add (ms per article); returns an undo."""
    from index.library import adding

    hook = adding.record_near_duplicates

    def timed(directory, added):  # type: ignore[no-untyped-def]
        began, cpu = time.perf_counter(), time.process_time()
        hook(directory, added)
        if added:
            times.append(((time.perf_counter() - began) * 1000 / len(added),
                          (time.process_time() - cpu) * 1000 / len(added)))

    adding.record_near_duplicates = timed

    def undo() -> None:
        adding.record_near_duplicates = hook

    return undo


def duplicate_benchmark(originals: int = 300, republished: int = 100, seed: int = 7, batch: int = 25) -> dict:
    """Build the corpus, add it to a temporary library `batch` articles per
    add (as feeds and small adds do), and compare what was found with what
    was planted. Returns the numbers the report prints."""
    from index.api import Library

    articles, gold, hard = build_corpus(originals, republished, seed)
    times: list[tuple[float, float]] = []
    undo = _timed_hook(times)
    try:
        with tempfile.TemporaryDirectory(prefix="dupes-bench-") as tmp:
            core_started = time.perf_counter()
            library = Library.open(Path(tmp) / "library")
            try:
                for article in library.summaries():  # the bundled seeds are not part of the corpus
                    library.remove([article.id])
                for start in range(0, len(articles), batch):
                    library._core.add_articles(articles[start : start + batch])
                seconds = time.perf_counter() - core_started
                found: set[Pair] = set()
                for article in articles:
                    found.update(frozenset((article.id, other.id)) for other in library.near_duplicates(article.id))
                published = {a.id: library.also_published(a.id) for a in articles}
            finally:
                library.close()
    finally:
        undo()
    true = found & gold
    hard_set = set(hard)
    copies = [a.id for a in articles if "-copy" in a.id]
    return {
        "articles": len(articles),
        "originals": originals,
        "republished": republished,
        "copies": len(copies),
        "hard_negatives": len(hard),
        "expected": len(gold),
        "found": len(found),
        "true_positives": len(true),
        "false_positives": sorted(sorted(pair) for pair in found - gold),
        "hard_negative_pairs_found": sum(1 for pair in found if pair <= hard_set),
        "missed": sorted(sorted(pair) for pair in gold - found),
        "precision": len(true) / len(found) if found else 1.0,
        "recall": len(true) / len(gold) if gold else 1.0,
        "copies_credited": sum(1 for c in copies if published[c]) / len(copies) if copies else 1.0,
        "dupes_ms_per_article_median": statistics.median(wall for wall, _ in times) if times else 0.0,
        "dupes_cpu_ms_per_article_median": statistics.median(cpu for _, cpu in times) if times else 0.0,
        "add_seconds": seconds,
    }


def scale_benchmark(total: int = 100_000, seed: int = 7, batch: int = 2000) -> dict:
    """Record `total` distinct synthetic articles (twelve sentences drawn from
    the whole BBC set) straight into a dupes file, `batch` per add as a bulk
    add commits them: does the cost per article stay flat as the file grows,
    and how large does the file get?"""
    import resource

    from index.dupes import dupes_path, record_added

    rng = random.Random(seed)
    sentences = [s for a in read_bbc() for s in re.split(r"(?<=[.!?])\s+", a.body) if len(s.split()) > 6]
    timings: list[tuple[int, float]] = []
    with tempfile.TemporaryDirectory(prefix="dupes-scale-") as tmp:
        directory = Path(tmp)
        for start in range(0, total, batch):
            articles = [Article(f"synthetic-{n}", "", " ".join(rng.sample(sentences, 12)))
                        for n in range(start, min(total, start + batch))]
            began, cpu = time.perf_counter(), time.process_time()
            record_added(directory, articles)
            timings.append(((time.perf_counter() - began) * 1000 / len(articles),
                            (time.process_time() - cpu) * 1000 / len(articles)))
        size = dupes_path(directory).stat().st_size
    return {
        "articles": total,
        "ms_per_article_first_batch": timings[0][0],
        "ms_per_article_last_batch": timings[-1][0],
        "ms_per_article_median": statistics.median(wall for wall, _ in timings),
        "cpu_ms_per_article_first_batch": timings[0][1],
        "cpu_ms_per_article_last_batch": timings[-1][1],
        "file_mb": size / 1e6,
        "bytes_per_article": size / total,
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def sweep(originals: int, republished: int, seed: int) -> None:
    """Exact Jaccard of copy pairs and of hard-negative pairs per shingle size."""
    articles, gold, hard = build_corpus(originals, republished, seed)
    by_id = {a.id: a for a in articles}
    events = {a.id: event for a, event in read_basil()}
    negatives = [pair for pair in combinations(hard, 2) if events[pair[0]] == events[pair[1]]]
    for size in (3, 4, 5, 6, 8):
        sets = {a.id: shingles(a.body, size) for a in articles}
        positive = sorted(jaccard(sets[a], sets[b]) for a, b in map(sorted, gold))
        negative = sorted(jaccard(sets[a], sets[b]) for a, b in negatives)
        # The worst other-article match of each original within its BBC category.
        def pct(values: list[float], q: float) -> float:
            return values[min(len(values) - 1, int(q * len(values)))]
        print(f"{size}-word shingles: copies min {positive[0]:.3f} p1 {pct(positive, 0.01):.3f} "
              f"p5 {pct(positive, 0.05):.3f} median {pct(positive, 0.5):.3f} | "
              f"same-event negatives max {negative[-1]:.3f} p99 {pct(negative, 0.99):.3f} "
              f"median {pct(negative, 0.5):.3f} ({len(negatives)} pairs)")
    del by_id


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--originals", type=int, default=300)
    parser.add_argument("--republished", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sweep", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--scale", type=int, metavar="N", help="record N synthetic articles: cost and file size")
    args = parser.parse_args()
    if not BBC.is_dir():
        print(f"BBC set not found at {BBC}", file=sys.stderr)
        return 1
    if args.sweep:
        sweep(args.originals, args.republished, args.seed)
        return 0
    if args.scale:
        scaled = scale_benchmark(args.scale, args.seed)
        print(json.dumps(scaled, indent=2) if args.json else
              f"{scaled['articles']} articles: {scaled['ms_per_article_first_batch']:.2f} ms/article for the first "
              f"batch, {scaled['ms_per_article_last_batch']:.2f} for the last (median "
              f"{scaled['ms_per_article_median']:.2f}); CPU {scaled['cpu_ms_per_article_first_batch']:.2f} and "
              f"{scaled['cpu_ms_per_article_last_batch']:.2f} ms/article; file {scaled['file_mb']:.0f} MB "
              f"({scaled['bytes_per_article']:.0f} bytes/article); peak RSS {scaled['max_rss_mb']:.0f} MB")
        return 0
    result = duplicate_benchmark(args.originals, args.republished, args.seed)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    print(f"{result['articles']} articles: {result['originals']} originals, {result['copies']} republished copies "
          f"of {result['republished']} of them, {result['hard_negatives']} same-event hard negatives (BASIL)")
    print(f"duplicates expected: {result['expected']} pairs; found: {result['found']} "
          f"({result['true_positives']} right)")
    print(f"precision {result['precision']:.1%}, recall {result['recall']:.1%}; "
          f"copies credited to another outlet: {result['copies_credited']:.1%}")
    print(f"hard-negative pairs found: {result['hard_negative_pairs_found']}")
    print(f"dupes step: median {result['dupes_ms_per_article_median']:.2f} ms/article "
          f"({result['dupes_cpu_ms_per_article_median']:.2f} ms CPU) "
          f"(whole add {result['add_seconds']:.1f} s)")
    for pair in result["false_positives"][:10]:
        print("  false positive:", *pair)
    for pair in result["missed"][:10]:
        print("  missed:", *pair)
    return 0


if __name__ == "__main__":
    sys.exit(main())
