"""Judge compare() against the hand-labelled gold events (tests/bench/gold/compare).

Every finding is matched to the labelled span it overlaps most, so the
gold survives changes to sentence splitting and analysis; a finding no
label covers is counted as unlabelled, never as right.

    .venv/bin/python tests/bench/compare_gold.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from gold import GOLD_DIR  # noqa: E402

from index.article import Article  # noqa: E402
from index.compare import compare  # noqa: E402
from index.compare.model import Comparison  # noqa: E402

AIMS = {"unique_wrong": 0.10, "unique_trivial": 0.15, "alignments_right": 0.90,
        "disagreements_flagged": 0.75, "false_conflict_events": 0.10, "speakers_right": 0.90}
HONORIFICS = re.compile(r"^(?:mr|mrs|ms|dr|sen|rep|gov|president|senator|representative|governor|former|vice|the)\.?\s+",
                        re.IGNORECASE)


@dataclass
class Tally:
    unique: Counter = field(default_factory=Counter)
    """'useful', 'trivial', 'wrong', 'unlabelled' for shown "only this outlet" items."""
    collapsed: Counter = field(default_factory=Counter)
    """The same judgements for items we collapsed as trivial."""
    alignments: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)
    grouping: Counter = field(default_factory=Counter)
    disagreements: Counter = field(default_factory=Counter)
    false_conflict_events: int = 0
    events: int = 0
    conflict_events: int = 0
    """Events judged on their conflicts (every event, and those labelled for disagreements only)."""
    findings: list[int] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _best(items: list[dict], article: str, start: int, end: int) -> dict | None:
    best, most = None, 0
    for item in items:
        if item["article"] != article:
            continue
        shared = _overlap((start, end), (item["start"], item["end"]))
        if shared > most:
            best, most = item, shared
    return best


def _key(item: dict) -> tuple[str, int]:
    return (item["article"], item["start"])


def _connected(keys: list[tuple[str, int]], links: dict[tuple[str, int], set]) -> bool:
    if len(set(keys)) <= 1:
        return True
    wanted = set(keys)
    seen = {keys[0]}
    todo = [keys[0]]
    while todo:
        here = todo.pop()
        for other in links.get(here, ()):
            if other in wanted and other not in seen:
                seen.add(other)
                todo.append(other)
    return seen == wanted


def _links(items: list[dict]) -> dict[tuple[str, int], set]:
    links: dict[tuple[str, int], set] = {}
    for item in items:
        for article, start in item["same_as"]:
            links.setdefault(_key(item), set()).add((article, start))
            links.setdefault((article, start), set()).add(_key(item))
    return links


def normal_name(name: str | None) -> str:
    if not name:
        return ""
    name = name.replace("’", "'").strip().strip(",.")
    while True:
        stripped = HONORIFICS.sub("", name)
        if stripped == name:
            break
        name = stripped
    return name.lower()


def same_person(ours: str | None, gold: str | None) -> bool:
    a, b = normal_name(ours), normal_name(gold)
    if not a or not b:
        return a == b
    if a == b or a in b or b in a:
        return True
    return a.split()[-1] == b.split()[-1]


def judge_event(gold: dict, articles: list[Article], comparison: Comparison, tally: Tally, verbose: bool) -> None:
    bodies = {a.id: a.body for a in articles}
    names = comparison.labels()
    if gold.get("scope") == "disagreements":
        _judge_conflicts(gold, comparison, names, tally, verbose)
        tally.conflict_events += 1
        return
    tally.events += 1
    tally.conflict_events += 1
    # -- "only this outlet" items ---------------------------------------------------
    shown = 0
    for finding in comparison.findings:
        if finding.kind == "conflict":
            continue
        span = finding.spans[0]
        if finding.kind == "passage":
            item = _best(gold["passages"], span.article, span.start, span.end)
            verdict = "unlabelled" if item is None else "trivial" if item["trivial"] else (
                "wrong" if item["same_as"] else "useful")
        else:
            item = _best(gold["facts"], span.article, span.start, span.end)
            verdict = "unlabelled" if item is None else {"elsewhere": "wrong", "only": "useful",
                                                          "trivial": "trivial"}[item["judgement"]]
        if finding.trivial:
            tally.collapsed[verdict] += 1
        else:
            shown += 1
            tally.unique[verdict] += 1
            if verbose and verdict in ("wrong", "trivial"):
                tally.examples.append(f"{gold['event']} unique {verdict}: {finding.description[:120]}")
    tally.findings.append(shown + len(comparison.conflicts))
    # -- alignments ----------------------------------------------------------------------
    links = _links(gold["passages"])
    for alignment in comparison.alignments:
        keys = []
        for p in alignment.passages:
            item = _best(gold["passages"], p.article, p.start, p.end)
            if item is not None:
                keys.append(_key(item))
        right = len(keys) == len(alignment.passages) and _connected(keys, links)
        tally.alignments["right" if right else "wrong"] += 1
        if verbose and not right:
            texts = " | ".join(f"{names[p.article]}: {p.text[:70]}" for p in alignment.passages)
            tally.examples.append(f"{gold['event']} alignment wrong ({alignment.similarity:.2f}): {texts}")
    # -- shared quotes ---------------------------------------------------------------------
    quote_links = _links(gold["quotes"])
    for shared in comparison.quotes:
        golds = [_best(gold["quotes"], v.article, v.start, v.end) for v in shared.variants]
        if any(g is None for g in golds):
            tally.speakers["unlabelled"] += 1
            continue
        keys = [_key(g) for g in golds]
        one = _connected(keys, quote_links) or len(set(keys)) == 1
        tally.grouping["one statement" if one else "mixed"] += 1
        speakers = Counter(
            bodies[g["speaker"][0]][g["speaker"][1]:g["speaker"][2]] if g["speaker"] else None for g in golds
        )
        truth = speakers.most_common(1)[0][0]
        right = same_person(shared.speaker, truth)
        tally.speakers["right" if right else "wrong"] += 1
        if verbose and not right:
            tally.examples.append(f"{gold['event']} speaker wrong: ours {shared.speaker!r}, gold {truth!r}: "
                                  f"{shared.variants[0].text[:70]}")
    _judge_conflicts(gold, comparison, names, tally, verbose)


def _judge_conflicts(gold: dict, comparison: Comparison, names: dict[str, str], tally: Tally, verbose: bool) -> None:
    matched: set[int] = set()
    false = 0
    for conflict in comparison.conflicts:
        hit = None
        for n, disagreement in enumerate(gold["disagreements"]):
            touched = {r[0] for r in disagreement["readings"]
                       for reading in conflict.readings
                       if reading.article == r[0] and _overlap((reading.start, reading.end), (r[1], r[2])) > 0}
            if len(touched) >= 2:
                hit = n
                break
        if hit is None:
            false += 1
            if verbose:
                values = ", ".join(f"{names[r.article]}: {r.text}" for r in conflict.readings)
                tally.examples.append(f"{gold['event']} false conflict: {conflict.about} ({values})")
        else:
            matched.add(hit)
    tally.disagreements["flagged"] += len(matched)
    tally.disagreements["missed"] += len(gold["disagreements"]) - len(matched)
    tally.false_conflict_events += false > 0


def share(counter: Counter, key: str, *, without: tuple[str, ...] = ("unlabelled",)) -> float:
    total = sum(v for k, v in counter.items() if k not in without)
    return counter[key] / total if total else 0.0


def judge_all(verbose: bool = False) -> Tally:
    from stories import read_basil  # noqa: PLC0415

    articles, events = read_basil()
    tally = Tally()
    for path in sorted(GOLD_DIR.glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        by_id = {a.id: a for a in articles}
        group = [by_id[i] for i in gold["articles"]]
        judge_event(gold, group, compare(group), tally, verbose)
    return tally


def report(tally: Tally) -> list[str]:
    u, a, s, d = tally.unique, tally.alignments, tally.speakers, tally.disagreements
    items = sum(v for k, v in u.items() if k != "unlabelled")
    lines = [
        f"gold events: {tally.events}; findings shown per event: median "
        f"{sorted(tally.findings)[len(tally.findings) // 2] if tally.findings else 0}",
        f"  only-this-outlet items shown: {items} judged ({u['unlabelled']} unlabelled): "
        f"wrong {share(u, 'wrong'):.0%} (aim ≤{AIMS['unique_wrong']:.0%}), "
        f"trivial {share(u, 'trivial'):.0%} (aim ≤{AIMS['unique_trivial']:.0%}), useful {share(u, 'useful'):.0%}",
        f"  collapsed as trivial: {sum(tally.collapsed.values())} "
        f"({tally.collapsed['useful']} of them useful, {tally.collapsed['wrong']} wrong)",
        f"  alignments: {sum(a.values())}, right {share(a, 'right'):.0%} (aim ≥{AIMS['alignments_right']:.0%})",
        f"  shared-quote groups: {s['right'] + s['wrong']} judged ({s['unlabelled']} unlabelled): speaker right "
        f"{share(s, 'right'):.0%} (aim ≥{AIMS['speakers_right']:.0%}); one statement "
        f"{share(tally.grouping, 'one statement'):.0%}",
        f"  real disagreements: {d['flagged'] + d['missed']}, flagged {share(d, 'flagged'):.0%} "
        f"(aim ≥{AIMS['disagreements_flagged']:.0%}); events with a false conflict: "
        f"{tally.false_conflict_events} of {tally.conflict_events} "
        f"(aim ≤{AIMS['false_conflict_events'] * tally.conflict_events:.0f})",
    ]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every wrong item")
    args = parser.parse_args(argv)
    tally = judge_all(args.verbose)
    print("\n".join(report(tally)))
    for line in tally.examples:
        print("   ", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
