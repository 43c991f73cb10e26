"""PolNeAR dev speaker accuracy, broken down by kind of error.

    .venv/bin/python tests/bench/speaker_errors.py [--engine builtin] [--examples N]

Judges exactly what tests/bench/analysis.py judges (its loaders and its
rule for a right speaker are imported, not copied): every detected gold
direct quote with a gold Source. Each wrong one is put in the first kind
that fits:

- no speaker: no overlapping predicted quote has a speaker
  (split by whether the gold Source is a pronoun);
- place/date as speaker: the predicted speaker sits on a PLACE, DATE,
  NUMBER or MONEY entity;
- pronoun resolved wrong: the predicted mention is a pronoun whose
  antecedent is not the source;
- description vs name: one side is a name and the other a description
  ("a White House spokesman", "officials");
- wrong person nearby: the predicted speaker is named within the quote's
  paragraph or the one before it;
- wrong person, far: anything else.

Run by hand; pytest never collects tests/bench.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from analysis import POLNEAR, _overlap, _snip, _speaker_right, read_polnear  # noqa: E402

from index.analysis import analyse  # noqa: E402

PRONOUNS = {"he", "she", "they", "it", "we", "i", "him", "her", "them", "you"}
NOT_SPEAKER_LABELS = ("PLACE", "DATE", "NUMBER", "MONEY")
KINDS = ("right", "no speaker (gold is a pronoun)", "no speaker (gold is a name or description)",
         "place/date as speaker", "pronoun resolved wrong", "description vs name",
         "wrong person nearby", "wrong person, far")


def _is_name(text: str) -> bool:
    """A proper name rather than a description: its last word is capitalised."""
    words = re.findall(r"[^\W\d_][\w'’.-]*", text)
    return bool(words) and words[-1][:1].isupper() and words[0].lower() not in ("the", "a", "an")


def _paragraphs_near(text: str, at: int) -> tuple[int, int]:
    """The span of the paragraph holding `at` and the one before it."""
    start = text.rfind("\n", 0, at)
    before = text.rfind("\n", 0, max(0, start - 1)) if start > 0 else -1
    while before > 0 and text[before - 1] == "\n":
        before = text.rfind("\n", 0, before - 1)
    end = text.find("\n", at)
    return before + 1, len(text) if end < 0 else end


def classify(text: str, analysis, gold) -> tuple[str, str]:
    """The kind of this detected gold quote's speaker, and a line describing it."""
    over = []
    for quote in analysis.quotes:
        size = sum(_overlap((quote.start, quote.end), c) for c in gold.content)
        if size and quote.speaker:
            over.append((size, quote))
    line = f"gold {gold.source_text!r}"
    if not over:
        pronoun = gold.source_text.lower().strip() in PRONOUNS
        kind = "no speaker (gold is a pronoun)" if pronoun else "no speaker (gold is a name or description)"
        return kind, f"{line} | {_snip(gold.content_text, 60)!r}"
    _, best = max(over, key=lambda pair: pair[0])
    speaker = best.speaker
    line += f" vs {speaker.text!r} (= {speaker.canonical!r}, cue {best.cue!r}) | {_snip(gold.content_text, 50)!r}"
    if _speaker_right(speaker, gold):
        return "right", line
    if any(e.label in NOT_SPEAKER_LABELS and _overlap((e.start, e.end), (speaker.start, speaker.end))
           for e in analysis.entities):
        return "place/date as speaker", line
    if speaker.text.lower() in PRONOUNS:
        return "pronoun resolved wrong", line
    gold_name = _is_name(gold.source_text) and gold.source_text.lower() not in PRONOUNS
    ours_name = speaker.canonical is not None
    if gold_name != ours_name:
        return "description vs name", line
    lo, hi = _paragraphs_near(text, gold.content[0][0])
    if lo <= speaker.start < hi:
        return "wrong person nearby", line
    return "wrong person, far", line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", default="builtin")
    parser.add_argument("--examples", type=int, default=8, help="examples per kind of error (default 8)")
    args = parser.parse_args(argv)
    if not POLNEAR.exists():
        print(f"missing data: {POLNEAR}", file=sys.stderr)
        return 2
    articles, _ = read_polnear(POLNEAR)
    kinds: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    for name, text, attributions in articles:
        analysis = analyse(text, args.engine)
        for gold in attributions:
            if not gold.direct or not gold.source:
                continue
            if not any(_overlap((q.start, q.end), c) for q in analysis.quotes for c in gold.content):
                continue  # not detected: a recall miss, not a speaker error
            kind, line = classify(text, analysis, gold)
            kinds[kind] += 1
            examples[kind].append(f"{line}  ({name[:30]})")
    total = sum(kinds.values())
    print(f"PolNeAR dev speakers ({args.engine}): {total} detected direct quotes with a gold source")
    print(f"  speaker accuracy {kinds['right'] / max(total, 1):.1%}  ({kinds['right']}/{total})")
    for kind in KINDS[1:]:
        print(f"  {kind:<45}{kinds[kind]:>5}  {kinds[kind] / max(total, 1):6.1%}")
    if args.examples > 0:
        for kind in KINDS[1:]:
            items = examples[kind]
            if not items:
                continue
            print(f"\n-- {kind} ({len(items)})")
            step = max(1, len(items) // args.examples)
            for item in items[::step][:args.examples]:
                print(f"  {item}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
