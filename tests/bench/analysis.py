"""Analysis benchmark: entity quality, quotes and speakers, and throughput.

    .venv/bin/python tests/bench/analysis.py [--engine builtin|nlp|all] [--json] [--examples N]

Runs `index.analysis.analyse()` with each requested engine (default: every
installed one) over three public data sets kept in ../shared/data, and prints a
compact report (or, with --json, one JSON dict of the figures). Run it by
hand; pytest never collects it (tests/bench is excluded).

1. Entities -- CoNLL-2003 English dev set (conll2003/valid.txt, IOB lines
   "TOKEN POS CHUNK NE"). Each document (between -DOCSTART- lines) is rebuilt
   as text: tokens joined by one space, sentences by "\\n", keeping every
   token's character offsets; analyse() runs once per document. A predicted
   entity's span (whitespace trimmed) covers every token it overlaps, so a
   span starting or ending inside a token snaps outward to whole tokens (the
   report counts how many had to). Labels map PERSON->PER, ORG->ORG,
   PLACE->LOC; DATE/MONEY/NUMBER predictions are dropped, gold MISC entities
   are not scored (a prediction on a MISC span is a false positive, as in the
   standard scoring). Scoring is CoNLL exact match: a prediction is correct
   only when its type and token span equal a gold entity's. Precision, recall
   and F1 are given per type and micro-averaged over PER, ORG and LOC.

2. Quotes and speakers -- PolNeAR dev set (polnear/data/dev: text/NAME.txt
   and attributions/NAME_ANNOTATOR.ann, brat standoff; offsets are character
   offsets into the text; discontinuous spans "a b;c d" are read fragment by
   fragment). An E line links Content (and Content2), Cue and, unless it is
   "Attribution-no-source", Source. Two dev articles were annotated by all six
   annotators; the alphabetically first annotator's file is used, so each
   article counts once. A gold *direct* quote is an attribution whose Content
   text contains a double quotation mark (" or curly double quotes).
   - direct-quote recall: gold direct quotes overlapped by any predicted quote
     (any kind) / gold direct quotes;
   - quote precision: predicted quotes overlapping the Content of any gold
     attribution / predicted quotes (also given per predicted kind);
   - speaker accuracy, over detected gold direct quotes that have a gold
     Source: of the overlapping predicted quotes, the one with a speaker and
     the largest overlap is judged; its speaker is right when its span
     overlaps the gold Source, or its canonical name (lowercased) equals the
     Source text, or contains the Source's last word (as a word). Detected
     quotes where no overlapping prediction has a speaker count as wrong; how
     many detected quotes have no predicted speaker is reported too.

3. Throughput -- the BBC corpus (bbc/*/*.txt, 2,225 articles, read as bytes
   and decoded as UTF-8, else Latin-1, before timing): articles per second of
   analyse() over all texts in one process pinned to one CPU (where the OS
   allows), median of 3 passes timed with time.perf_counter, after one
   warm-up call.

Without --json the report ends with up to N (default 15) example errors of
each kind, spread evenly over the data: CoNLL false negatives per type (with
what was predicted over them), CoNLL false positives per type, PolNeAR missed
direct quotes, predicted quotes matching no attribution, wrong speakers, and
detected quotes left without a speaker.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from index.analysis import analyse, available_engines  # noqa: E402

DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
CONLL = DATA / "conll2003" / "valid.txt"
POLNEAR = DATA / "polnear" / "data" / "dev"
BBC = DATA / "bbc"

LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "PLACE": "LOC"}
TYPES = ("PER", "ORG", "LOC")
QUOTE_MARKS = ('"', "\u201c", "\u201d")
PASSES = 3


# -- CoNLL-2003 ------------------------------------------------------------------


@dataclass
class Doc:
    text: str
    tokens: list[tuple[int, int]]  # char offsets of each token
    gold: list[tuple[int, int, str]]  # token spans [start, end) and NE type (incl. MISC)


def read_conll(path: Path) -> list[Doc]:
    """Documents of an IOB file; an I- tag after O or another type starts an entity too."""
    docs: list[Doc] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_sentence() -> None:
        nonlocal current
        if current:
            sentences.append(current)
            current = []

    def flush_doc() -> None:
        nonlocal sentences
        flush_sentence()
        if sentences:
            docs.append(_build_doc(sentences))
        sentences = []

    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                flush_sentence()
            elif parts[0] == "-DOCSTART-":
                flush_doc()
            else:
                current.append((parts[0], parts[-1]))
    flush_doc()
    return docs


def _build_doc(sentences: list[list[tuple[str, str]]]) -> Doc:
    pieces: list[str] = []
    tokens: list[tuple[int, int]] = []
    gold: list[tuple[int, int, str]] = []
    pos = 0
    for s, sentence in enumerate(sentences):
        if s:
            pieces.append("\n")
            pos += 1
        open_type, open_start = None, 0
        for t, (word, tag) in enumerate(sentence):
            if t:
                pieces.append(" ")
                pos += 1
            index = len(tokens)
            tokens.append((pos, pos + len(word)))
            pieces.append(word)
            pos += len(word)
            prefix, _, kind = tag.partition("-")
            starts_new = prefix == "B" or (prefix == "I" and kind != open_type)
            if open_type is not None and (prefix == "O" or starts_new):
                gold.append((open_start, index, open_type))
                open_type = None
            if starts_new:
                open_type, open_start = kind, index
        if open_type is not None:
            gold.append((open_start, len(tokens), open_type))
    return Doc("".join(pieces), tokens, gold)


def _token_span(doc: Doc, start: int, end: int) -> tuple[int, int, bool] | None:
    """Tokens a char span overlaps, and whether it had to snap outward to reach their edges."""
    chunk = doc.text[start:end]
    start += len(chunk) - len(chunk.lstrip())
    end -= len(chunk) - len(chunk.rstrip())
    if end <= start:
        return None
    hit = [i for i, (a, b) in enumerate(doc.tokens) if a < end and start < b]
    if not hit:
        return None
    first, last = hit[0], hit[-1]
    snapped = doc.tokens[first][0] != start or doc.tokens[last][1] != end
    return first, last + 1, snapped


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "fp": fp, "fn": fn}


def _words(doc: Doc, start: int, end: int) -> str:
    return doc.text[doc.tokens[start][0]:doc.tokens[end - 1][1]].replace("\n", " / ")


def eval_conll(engine: str, docs: list[Doc]) -> tuple[dict, dict]:
    counts = {t: Counter() for t in TYPES}
    snapped = 0
    predicted_named = 0
    fn_examples: dict[str, list[str]] = defaultdict(list)
    fp_examples: dict[str, list[str]] = defaultdict(list)
    fn_kinds: Counter = Counter()
    fp_kinds: Counter = Counter()
    for doc in docs:
        analysis = analyse(doc.text, engine)
        # every prediction as a token span, with its original label (for the error notes)
        all_pred: list[tuple[int, int, str]] = []
        for entity in analysis.entities:
            span = _token_span(doc, entity.start, entity.end)
            if span is None:
                continue
            first, end, moved = span
            all_pred.append((first, end, entity.label))
            if entity.label in LABEL_MAP:
                predicted_named += 1
                snapped += moved
        pred = {(a, b, LABEL_MAP[label]) for a, b, label in all_pred if label in LABEL_MAP}
        gold = {g for g in doc.gold if g[2] in TYPES}
        gold_any = set(doc.gold)
        for t in TYPES:
            p_t = {x for x in pred if x[2] == t}
            g_t = {x for x in gold if x[2] == t}
            counts[t]["tp"] += len(p_t & g_t)
            counts[t]["fp"] += len(p_t - g_t)
            counts[t]["fn"] += len(g_t - p_t)
        for a, b, t in sorted(gold - pred):
            over = [(x, y, lab) for x, y, lab in all_pred if x < b and a < y]
            if not over:
                kind = "missed (nothing predicted)"
            elif any((x, y) == (a, b) and LABEL_MAP.get(lab) for x, y, lab in over):
                kind = "right span, wrong type"
            elif any((x, y) == (a, b) for x, y, lab in over):
                kind = "right span, DATE/MONEY/NUMBER"
            elif any(LABEL_MAP.get(lab) == t for x, y, lab in over):
                kind = "right type, wrong boundaries"
            else:
                kind = "overlapped, wrong boundaries and type"
            fn_kinds[f"{t}: {kind}"] += 1
            seen = "; ".join(f"{_words(doc, x, y)!r}/{lab}" for x, y, lab in over) or "-"
            fn_examples[t].append(f"{_words(doc, a, b)!r} {t}  <- predicted: {seen}")
        for a, b, t in sorted(pred - gold):
            over = [(x, y, k) for x, y, k in gold_any if x < b and a < y]
            if not over:
                kind = "no gold entity there"
            elif any((x, y) == (a, b) and k == "MISC" for x, y, k in over):
                kind = "span is a gold MISC"
            elif any((x, y) == (a, b) for x, y, k in over):
                kind = "right span, wrong type"
            else:
                kind = "wrong boundaries"
            fp_kinds[f"{t}: {kind}"] += 1
            seen = "; ".join(f"{_words(doc, x, y)!r}/{k}" for x, y, k in sorted(over)) or "-"
            fp_examples[t].append(f"{_words(doc, a, b)!r} as {t}  <- gold: {seen}")
    per_type = {t: _prf(counts[t]["tp"], counts[t]["fp"], counts[t]["fn"]) for t in TYPES}
    total = Counter()
    for t in TYPES:
        total.update(counts[t])
    result = {
        "documents": len(docs),
        "gold_entities": {t: per_type[t]["tp"] + per_type[t]["fn"] for t in TYPES},
        "per_type": per_type,
        "micro": _prf(total["tp"], total["fp"], total["fn"]),
        "predictions_snapped_to_tokens": snapped,
        "named_predictions": predicted_named,
        "fn_breakdown": dict(fn_kinds.most_common()),
        "fp_breakdown": dict(fp_kinds.most_common()),
    }
    return result, {"fn": fn_examples, "fp": fp_examples}


# -- PolNeAR ------------------------------------------------------------------------


@dataclass
class Attribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    content_text: str = ""
    source_text: str = ""

    @property
    def direct(self) -> bool:
        return any(mark in self.content_text for mark in QUOTE_MARKS)


def read_ann(path: Path, text: str) -> list[Attribution]:
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            _, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = [
                (int(a), int(b)) for a, b in (frag.split() for frag in offsets.split(";"))
            ]
        elif line.startswith("E") and len(parts) >= 2:
            events.append([tuple(arg.split(":", 1)) for arg in parts[1].split() if ":" in arg])
    out = []
    for args in events:
        content = [f for role, ref in args if role.startswith("Content") for f in spans.get(ref, [])]
        if not content:
            continue
        source = [f for role, ref in args if role == "Source" for f in spans.get(ref, [])]
        content.sort()
        source.sort()
        out.append(Attribution(
            content, source,
            " ".join(text[a:b] for a, b in content),
            " ".join(text[a:b] for a, b in source),
        ))
    return out


def read_polnear(folder: Path) -> tuple[list[tuple[str, str, list[Attribution]]], int]:
    by_name: dict[str, Path] = {}
    ann_files = sorted((folder / "attributions").glob("*.ann"))
    for ann in ann_files:
        name = ann.stem.rsplit("_", 1)[0]  # NAME_ANNOTATOR.ann -> NAME
        by_name.setdefault(name, ann)  # sorted: first annotator wins
    articles = []
    for name, ann in sorted(by_name.items()):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        articles.append((name, text, read_ann(ann, text)))
    return articles, len(ann_files)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _last_word(source: str) -> str:
    words = re.findall(r"\w+", re.sub(r"['\u2019]s\b", "", source.lower()))
    return words[-1] if words else ""


def _speaker_right(speaker, gold: Attribution) -> bool:
    if any(_overlap((speaker.start, speaker.end), s) for s in gold.source):
        return True
    if not speaker.canonical:
        return False
    canonical = speaker.canonical.lower()
    if canonical == gold.source_text.lower().strip():
        return True
    last = _last_word(gold.source_text)
    return bool(last) and last in re.findall(r"\w+", canonical)


def _snip(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text[:n] + ("..." if len(text) > n else "")


def eval_polnear(engine: str, articles) -> tuple[dict, dict]:
    gold_direct = detected = with_source = right = no_speaker = 0
    predicted = 0
    predicted_hits = 0
    kinds: Counter = Counter()
    kind_hits: Counter = Counter()
    missed: list[str] = []
    spurious: list[str] = []
    wrong: list[str] = []
    unspoken: list[str] = []
    for name, text, attributions in articles:
        quotes = analyse(text, engine).quotes
        contents = [frag for att in attributions for frag in att.content]
        for q in quotes:
            predicted += 1
            kinds[q.kind] += 1
            if any(_overlap((q.start, q.end), c) for c in contents):
                predicted_hits += 1
                kind_hits[q.kind] += 1
            else:
                spurious.append(f"[{q.kind}] {_snip(q.text, 70)!r}  ({name[:30]})")
        for att in attributions:
            if not att.direct:
                continue
            gold_direct += 1
            over = []
            for q in quotes:
                size = sum(_overlap((q.start, q.end), c) for c in att.content)
                if size:
                    over.append((size, q))
            if not over:
                missed.append(f"{_snip(att.content_text)!r}  ({name[:30]})")
                continue
            detected += 1
            spoken = [(size, q) for size, q in over if q.speaker]
            if not spoken:
                no_speaker += 1
            if not att.source:
                continue
            with_source += 1
            if not spoken:
                unspoken.append(f"gold {att.source_text!r}  | {_snip(att.content_text, 60)!r}")
                continue
            _, best = max(spoken, key=lambda pair: pair[0])
            if _speaker_right(best.speaker, att):
                right += 1
            else:
                wrong.append(
                    f"gold {att.source_text!r} vs predicted {best.speaker.text!r}"
                    f" (= {best.speaker.canonical!r}, cue {best.cue!r}) | {_snip(att.content_text, 50)!r}"
                )
    result = {
        "articles": len(articles),
        "attributions": sum(len(a) for _, _, a in articles),
        "gold_direct_quotes": gold_direct,
        "detected": detected,
        "direct_quote_recall": detected / gold_direct if gold_direct else 0.0,
        "predicted_quotes": predicted,
        "predicted_quotes_on_gold_content": predicted_hits,
        "quote_precision": predicted_hits / predicted if predicted else 0.0,
        "precision_by_kind": {
            k: {"predicted": n, "on_gold_content": kind_hits[k], "precision": kind_hits[k] / n}
            for k, n in sorted(kinds.items())
        },
        "detected_with_gold_source": with_source,
        "detected_without_gold_source": detected - with_source,
        "speaker_right": right,
        "speaker_accuracy": right / with_source if with_source else 0.0,
        "detected_without_predicted_speaker": no_speaker,
        "detected_with_gold_source_without_predicted_speaker": len(unspoken),
    }
    return result, {"missed": missed, "spurious": spurious, "wrong": wrong, "unspoken": unspoken}


# -- throughput ---------------------------------------------------------------------


def read_bbc(folder: Path) -> list[str]:
    texts = []
    for path in sorted(folder.glob("*/*.txt")):
        raw = path.read_bytes()
        try:
            texts.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            texts.append(raw.decode("latin-1"))
    return texts


def throughput(engine: str, texts: list[str]) -> dict:
    pinned = None
    if hasattr(os, "sched_setaffinity"):
        try:
            pinned = os.sched_getaffinity(0)
            os.sched_setaffinity(0, {min(pinned)})
        except OSError:
            pinned = None
    try:
        analyse("Warm-up: Reuters said \"hello\" in Paris on Monday.", engine)
        times = []
        for _ in range(PASSES):
            start = time.perf_counter()
            for text in texts:
                analyse(text, engine)
            times.append(time.perf_counter() - start)
    finally:
        if pinned is not None:
            os.sched_setaffinity(0, pinned)
    median = statistics.median(times)
    return {
        "articles": len(texts),
        "pass_seconds": times,
        "median_seconds": median,
        "articles_per_second": len(texts) / median if median else 0.0,
        "pinned_to_one_cpu": pinned is not None,
    }


# -- report ---------------------------------------------------------------------------


def _spread(items: list[str], n: int) -> list[str]:
    """Up to n items evenly spaced over the list (deterministic, covers the whole set)."""
    if n <= 0:
        return []
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def print_report(engine: str, res: dict, examples: dict, n: int, elapsed: float) -> None:
    print(f"=== engine: {engine} ({elapsed:.1f}s) ===")
    c = res["conll"]
    print(f"\nEntities, CoNLL-2003 dev ({c['documents']} docs; gold PER/ORG/LOC "
          f"{'/'.join(str(c['gold_entities'][t]) for t in TYPES)}; MISC not scored)")
    print(f"  {'type':<6}{'P':>7}{'R':>7}{'F1':>7}{'tp':>7}{'fp':>7}{'fn':>7}")
    for t, row in [*c["per_type"].items(), ("micro", c["micro"])]:
        print(f"  {t:<6}{row['precision']:>7.1%}{row['recall']:>7.1%}{row['f1']:>7.1%}"
              f"{row['tp']:>7}{row['fp']:>7}{row['fn']:>7}")
    print(f"  predictions snapped outward to token edges: {c['predictions_snapped_to_tokens']}"
          f" of {c['named_predictions']}")
    print("  false negatives by kind: " + ", ".join(f"{k} {v}" for k, v in c["fn_breakdown"].items()))
    print("  false positives by kind: " + ", ".join(f"{k} {v}" for k, v in c["fp_breakdown"].items()))

    q = res["polnear"]
    print(f"\nQuotes, PolNeAR dev ({q['articles']} articles, {q['attributions']} attributions, "
          f"{q['gold_direct_quotes']} direct)")
    print(f"  direct-quote recall   {q['direct_quote_recall']:.1%}  ({q['detected']}/{q['gold_direct_quotes']})")
    print(f"  quote precision       {q['quote_precision']:.1%}  "
          f"({q['predicted_quotes_on_gold_content']}/{q['predicted_quotes']})  by kind: "
          + ", ".join(f"{k} {v['precision']:.0%} ({v['on_gold_content']}/{v['predicted']})"
                      for k, v in q["precision_by_kind"].items()))
    print(f"  speaker accuracy      {q['speaker_accuracy']:.1%}  ({q['speaker_right']}/"
          f"{q['detected_with_gold_source']} detected with a gold source; "
          f"{q['detected_without_gold_source']} more have none)")
    print(f"  detected, no speaker  {q['detected_without_predicted_speaker']} of {q['detected']}"
          f" ({q['detected_with_gold_source_without_predicted_speaker']} of them have a gold source,"
          " counted wrong above)")

    t = res["throughput"]
    print(f"\nThroughput, BBC ({t['articles']} articles, one core{'' if t['pinned_to_one_cpu'] else ' (not pinned)'})")
    print(f"  {t['articles_per_second']:.0f} articles/s  (median of "
          + ", ".join(f"{s:.2f}" for s in t["pass_seconds"]) + " s)")

    def block(title: str, items: list[str]) -> None:
        print(f"\n-- {title} ({len(items)} in all; showing {min(n, len(items))})")
        for item in _spread(items, n):
            print(f"  {item}")

    if n <= 0:
        return
    print("\nExample errors")
    for kind in TYPES:
        block(f"CoNLL false negatives, {kind}", examples["conll"]["fn"].get(kind, []))
    for kind in TYPES:
        block(f"CoNLL false positives, {kind}", examples["conll"]["fp"].get(kind, []))
    block("PolNeAR missed direct quotes", examples["polnear"]["missed"])
    block("PolNeAR predicted quotes on no attribution", examples["polnear"]["spurious"])
    block("PolNeAR wrong speakers (gold source vs predicted)", examples["polnear"]["wrong"])
    block("PolNeAR detected direct quotes with no predicted speaker", examples["polnear"]["unspoken"])
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["builtin", "nlp", "all"], default="all")
    parser.add_argument("--json", action="store_true", help="print one JSON dict of the figures")
    parser.add_argument("--examples", type=int, default=15, help="example errors per kind (default 15)")
    args = parser.parse_args(argv)

    installed = available_engines()
    engines = installed if args.engine == "all" else [args.engine]
    missing = [e for e in engines if e not in installed]
    if missing:
        print(f"engine not installed: {', '.join(missing)} (installed: {', '.join(installed)})", file=sys.stderr)
        return 2
    for path in (CONLL, POLNEAR, BBC):
        if not path.exists():
            print(f"missing data: {path}", file=sys.stderr)
            return 2

    started = time.perf_counter()
    docs = read_conll(CONLL)
    articles, ann_files = read_polnear(POLNEAR)
    texts = read_bbc(BBC)
    out: dict = {"data": {"conll": str(CONLL), "polnear": str(POLNEAR), "polnear_ann_files": ann_files,
                          "bbc": str(BBC)}, "engines": {}}
    for engine in engines:
        engine_start = time.perf_counter()
        conll, conll_examples = eval_conll(engine, docs)
        polnear, polnear_examples = eval_polnear(engine, articles)
        speed = throughput(engine, texts)
        elapsed = time.perf_counter() - engine_start
        out["engines"][engine] = {"conll": conll, "polnear": polnear, "throughput": speed, "seconds": elapsed}
        if not args.json:
            print_report(engine, out["engines"][engine],
                         {"conll": conll_examples, "polnear": polnear_examples}, args.examples, elapsed)
    out["seconds"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"total {out['seconds']:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
