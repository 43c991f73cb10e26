"""Analysis benchmark: entity quality, quotes and speakers, and throughput.

    .venv/bin/python tests/bench/analysis.py [--engine builtin|nlp|all] [--json] [--examples N]
                                             [--parts conll,polnear,honorifics,bbc_entities,grouping,throughput]

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

4. Honorifics and surnames -- PolNeAR dev texts. For every surname an
   article writes after an honorific or title ("Mr. X", "Sen. X",
   "President X") and gives exactly one first name for ("First X", a
   capitalised word that is no title or function word, an optional middle
   initial between), every later mention of X outside that full name (bare
   or after an honorific; not inside "X Foundation" or "pro-X") is judged:
   resolved when a PERSON entity covers it whose canonical name holds both
   words. Surnames given two first names (Hillary and Bill Clinton) are
   skipped and counted.

5. The BBC library's entity list -- every BBC file read as the library
   reads it (index.ingest.read_article_file: title line, body), body and
   title analysed, and each article's people and organisations taken by
   canonical name as the library stores them (body names, then title names
   the body lacks). Names are counted by articles, as `newsreader entities`
   does, and the top 100 of each kind judged: per-article canonical
   names as they are, and after the bench's simple library merge: a
   one-word person name joins the full name ending in it that is in the most
   articles, when that one is in at least as many articles as all other
   full names with that surname together; an all-capitals organisation
   joins the one name whose initials spell it that some article writes
   beside it (the acronym's letters in the text of an article naming it).
   False = on the bench's hand-made list of non-entities (NOT_PEOPLE,
   NOT_ORGS: works, events, products, common nouns, found by reading the
   lists) or failing a shape check (a digit, a lower-case word that is no
   particle, or an acronym in a person's name; a party-state tag).
   Duplicates = a one-word person name beside a full name ending in it, an
   acronym beside a name whose initials spell it, or two names equal but for
   case, "the", dots, a plural "s" or -isation/-ization. A third row shows
   the merged view with each headline's names first read as its body reads
   them (index.analysis.linking.confirm_title_names, which the library does
   not call yet).

6. Quote grouping -- compare_gold.judge_all() over the BASIL gold events
   (tests/bench/gold/compare); the share of judged shared-quote groups that
   are one statement. The compare bench analyses with the builtin engine.

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


# -- honorifics and surnames, PolNeAR ------------------------------------------------

HONORIFIC_WORDS = ("Mr", "Mrs", "Ms", "Dr", "Sen", "Rep", "Gov", "Senator", "President", "Governor", "Secretary",
                   "Speaker", "Judge", "Mayor", "Gen", "Prof")
_HONORIFIC_THEN = re.compile(
    r"\b(?:" + "|".join(HONORIFIC_WORDS) + r")\.?\s+([A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)?)\b(?!\s+[A-Z])"
)
_NOT_GIVEN = frozenset(HONORIFIC_WORDS) | frozenset(
    "The A An And But Or Of In On At By For To With From That This As If When While After Before Former Vice "
    "House Senate White Sen Rep Gov Mr Mrs Ms Dr Democrat Democratic Republican GOP Presidential Candidate "
    "Nominee Said Says Saint St New Los San Las North South East West Van Von De Del Da Di Le La".split()
)


def eval_honorifics(engine: str, articles) -> tuple[dict, dict]:
    """Do "Mr. X", "Sen. X" and a bare "X" link to the full name "First X" the
    article gives? Surnames are those the article writes after an honorific
    or title; a surname counts only when the article gives it exactly one
    first name (a capitalised word before it that is no title or function
    word), and every later mention of the surname outside that full name is
    judged: right when a PERSON entity covers it with a canonical name
    holding both words."""
    mentions = tagged = right = 0
    ambiguous = 0
    misses: list[str] = []
    for name, text, _ in articles:
        analysis = analyse(text, engine)
        people = [e for e in analysis.entities if e.label == "PERSON"]
        for surname in sorted({m.group(1) for m in _HONORIFIC_THEN.finditer(text)}):
            full = re.compile(rf"\b([A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+{re.escape(surname)}\b")
            firsts = {m.group(1) for m in full.finditer(text)} - _NOT_GIVEN
            if len(firsts) != 1:
                ambiguous += len(firsts) > 1
                continue
            first = firsts.pop()
            first_full = next(m for m in full.finditer(text) if m.group(1) == first)
            for m in re.finditer(rf"\b{re.escape(surname)}\b", text):
                if m.start() < first_full.end():
                    continue  # before the full name is given, or inside it
                if text[m.start() - 1:m.start()] == "-" or re.match(r"-|\s+[A-Z]", text[m.end():m.end() + 2]):
                    continue  # part of another name or word ("Trump Foundation", "pro-Clinton")
                before = text[max(0, m.start() - len(first) - 6):m.start()]
                if re.search(rf"\b{re.escape(first)}\s+(?:[A-Z]\.\s+)?$", before):
                    continue  # a full mention itself
                mentions += 1
                cover = [e for e in people if e.start <= m.start() and m.end() <= e.end]
                if cover:
                    tagged += 1
                words = set(re.findall(r"[\w'’-]+", cover[0].canonical)) if cover else set()
                if first in words and surname in words:
                    right += 1
                else:
                    seen = f"{cover[0].canonical!r}" if cover else "untagged"
                    misses.append(f"{text[max(0, m.start() - 25):m.end() + 10]!r} -> {seen}, want {first} {surname}"
                                  f"  ({name[:30]})".replace("\n", " "))
    result = {"mentions": mentions, "tagged": tagged, "resolved": right,
              "tagged_share": tagged / mentions if mentions else 0.0,
              "resolved_share": right / mentions if mentions else 0.0,
              "surnames_skipped_as_ambiguous": ambiguous}
    return result, {"unresolved": misses}


# -- the BBC library's entity list ------------------------------------------------------

TOP = 100
# Hand-made: things the BBC set names that are not people or organisations
# (works, events, products, programmes, fictional characters, common nouns),
# judged by reading the lists.
NOT_PEOPLE = frozenset({
    "Six Nations", "Grand Slam", "Liberal Democrat", "Million Dollar Baby", "Analysts", "Vera Drake",
    "Harry Potter", "Franz Ferdinand", "Golden Globe", "Golden Globes", "Election", "Electronic Arts", "West End",
    "West Ham", "Ask Jeeves", "Deutsche Boerse", "Evening Standard", "James Bond", "Motorcycle Diaries",
    "Scissor Sisters", "Spotless Mind", "Finding Neverland", "Go Digital", "Jupiter Research",
    "Consumer Electronics Show", "Internet Explorer", "News Online", "Sale Sharks", "San Andreas",
    "Zurich Premiership", "Band Aid", "Celebrity Apprentice", "Goldman Sachs", "Lib Dem", "Lib Dems",
    "Grand Theft Auto", "Ocean's Twelve", "Hotel Rwanda", "The Aviator", "Sideways",
    "Phantom Menace", "Little Britain", "Top Gear", "Pop Idol", "Fame Academy", "Big Brother", "Live Aid",
    "Premiership", "Heineken Cup", "Davis Cup", "Australian Open", "Champions League", "Prime Minister",
    "Chancellor", "Home Secretary", "Mr", "Lord", "Sir", "Premier", "Spider-Man", "Shark Tale", "Half-Life",
    "Xbox", "PlayStation", "Napster", "Gmail", "Firefox", "Skype", "Kazaa", "iPod", "iTunes", "Mac Mini",
    "Sky News", "Radio Five Live", "Five Live", "Newsnight", "Question Time", "Today", "Breakfast",
    "Wales", "Scotland", "England", "Ireland", "France", "Italy",
})
NOT_ORGS = frozenset({
    "TV", "PC", "GMT", "DVD", "LDL", "HDL", "CD", "DS", "PSP", "GSM", "GPRS", "VHS", "ADSL", "DJ", "PR", "MP3",
    "PS2", "SMS", "ID", "HD", "UK", "US", "GB", "D-N.Y", "R-S.C", "CES", "DVDs", "PCs", "CDs", "TVs", "IT",
    "Office", "Police", "Radio", "News", "Bank", "Government", "Party", "Union", "Oil", "Association",
    "League", "Commission", "Academy", "City", "Securities", "Exchange Commission", "Internet", "Web",
    "Net", "Broadband", "Mobile", "Digital", "Online", "Who", "Election", "Budget", "Court", "State",
    "Department", "Ministry", "Council", "Committee", "Agency", "Group", "Club", "Company", "Firm", "Team",
    "United", "Sport", "Film", "Music", "Business", "Tech", "Entertainment", "Politics", "Home", "World",
    "Oscars", "Oscar", "Baftas", "Bafta", "Grammys", "Brits", "Six Nations", "Grand Slam", "Wi-Fi", "Wifi",
    "Xbox", "iPod", "3G", "PDA", "HDTV", "BST", "VAT", "GDP", "CEO", "AI", "DRM", "P2P", "MMS",
})
_PARTICLES = frozenset({"de", "da", "di", "du", "del", "della", "van", "von", "der", "den", "bin", "ibn", "al",
                        "el", "la", "le", "y"})
_AFFILIATION_SHAPE = re.compile(r"[DRI]-[A-Z][A-Za-z.]*")


def read_bbc_articles(folder: Path) -> list:
    """The BBC files as the library reads them (title line, body), in path order."""
    from index.ingest import read_article_file  # noqa: PLC0415

    return [read_article_file(path) for path in sorted(folder.glob("*/*.txt"))]


def library_names(engine: str, articles, confirm_titles: bool = False) -> list[dict[str, list[str]]]:
    """Per article, its people and organisations by canonical name, as the
    library stores them (body names, then title names the body lacks); with
    `confirm_titles`, title names read as the body reads them first
    (index.analysis.linking.confirm_title_names)."""
    from index.analysis.linking import confirm_title_names  # noqa: PLC0415

    out = []
    for article in articles:
        body, title = analyse(article.body, engine), analyse(article.title, engine)
        if confirm_titles:
            title = confirm_title_names(title, body, article.body)
        names = {}
        for label in ("PERSON", "ORG"):
            found = body.canonical_names(label)
            names[label] = found + [n for n in title.canonical_names(label) if n not in found]
        out.append(names)
    return out


def _article_counts(per_article: list[dict[str, list[str]]], label: str) -> dict[str, set[int]]:
    table: dict[str, set[int]] = defaultdict(set)
    for index, names in enumerate(per_article):
        for name in names[label]:
            table[name].add(index)
    return table


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").replace(".", "").split() if w[:1].isupper() and w.lower() != "the"]
    return "".join(w if w.isupper() else w[0] for w in words)


def merge_library(table: dict[str, set[int]], label: str, texts: list[str] | None = None) -> dict[str, set[int]]:
    """The bench's simple cross-library merge. People: a one-word name joins
    the full name ending in it that is in the most articles, when that full
    name is in at least as many articles as every other full name with that
    surname together. Organisations: an all-capitals name joins the one
    name whose initials spell it and that some article writes beside it
    (when exactly one does)."""
    merged = {name: set(ids) for name, ids in table.items()}
    for name in [n for n in merged if " " not in n]:
        if label == "PERSON":
            owners = sorted((f for f in merged if f.endswith(" " + name)), key=lambda f: -len(merged[f]))
            if owners and len(merged[owners[0]]) >= sum(len(merged[f]) for f in owners[1:]):
                merged[owners[0]] |= merged.pop(name)
        elif name.isupper() and len(name) >= 2:
            owners = [f for f in merged if " " in f and _initials(f) == name and _seen_together(name, merged[f], texts)]
            if len(owners) == 1:
                merged[owners[0]] |= merged.pop(name)
    return merged


def _seen_together(acronym: str, ids: set[int], texts: list[str] | None) -> bool:
    """Does an article naming the expansion also write the acronym?"""
    pattern = re.compile(rf"\b{re.escape(acronym)}\b")
    return bool(texts) and any(pattern.search(texts[i]) for i in ids)


def _top(table: dict[str, set[int]], n: int = TOP) -> list[tuple[str, int]]:
    return sorted(((name, len(ids)) for name, ids in table.items()), key=lambda item: (-item[1], item[0]))[:n]


def false_reason(name: str, label: str) -> str | None:
    """Why a listed name is no person (or organisation), else None."""
    if name in (NOT_PEOPLE if label == "PERSON" else NOT_ORGS):
        return "known non-entity"
    words = name.split()
    if any(ch.isdigit() for ch in name) and label == "PERSON":
        return "digit in a name"
    if label == "PERSON":
        if any(w[:1].islower() and w not in _PARTICLES for w in words):
            return "lower-case word"
        if any(len(w) >= 2 and w.isupper() for w in words):
            return "acronym in a name"
    if _AFFILIATION_SHAPE.fullmatch(name):
        return "party-state tag"
    return None


def _norm(name: str) -> str:
    key = re.sub(r"^the\s+", "", name.casefold()).replace("isation", "ization").replace(".", "")
    return key[:-1] if key.endswith("s") else key


def duplicates(top: list[tuple[str, int]], label: str) -> list[str]:
    """Names listed twice in different forms: a surname beside a full name
    ending in it, an acronym beside its expansion, or two spellings."""
    names = [name for name, _ in top]
    found = []
    for name in names:
        if label == "PERSON" and " " not in name:
            found += [f"{name} / {full}" for full in names if full.endswith(" " + name)]
        if label == "ORG" and name.isupper() and len(name) >= 2:
            found += [f"{name} / {full}" for full in names if " " in full and _initials(full) == name]
    keys: dict[str, str] = {}
    for name in names:
        other = keys.setdefault(_norm(name), name)
        if other != name:
            found.append(f"{other} / {name}")
    return found


def eval_bbc_entities(engine: str, articles) -> tuple[dict, dict]:
    per_article = library_names(engine, articles)
    confirmed = library_names(engine, articles, confirm_titles=True)
    texts = [f"{article.title}\n{article.body}" for article in articles]
    result: dict = {"articles": len(articles)}
    lists: dict = {}
    for label in ("PERSON", "ORG"):
        raw = _article_counts(per_article, label)
        views = (("per_article", raw), ("merged", merge_library(raw, label, texts)),
                 ("titles_confirmed", merge_library(_article_counts(confirmed, label), label, texts)))
        for view, table in views:
            top = _top(table)
            false = [(name, n, false_reason(name, label)) for name, n in top if false_reason(name, label)]
            dups = duplicates(top, label)
            result[f"{label}_{view}"] = {"distinct": len(table), "false": len(false), "duplicates": len(dups)}
            lists[f"{label}_{view}"] = {"top": top, "false": false, "duplicates": dups}
    return result, lists


# -- quote grouping, BASIL ---------------------------------------------------------------


def eval_quote_grouping() -> dict:
    """Share of shared-quote groups on the BASIL gold events that are one
    statement (compare_gold's judgement; the builtin engine analyses)."""
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    from compare_gold import judge_all, share  # noqa: PLC0415

    tally = judge_all()
    groups = sum(tally.grouping.values())
    return {"events": tally.events, "groups": groups, "one_statement": tally.grouping["one statement"],
            "one_statement_share": share(tally.grouping, "one statement")}


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
    if "conll" in res:
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

    if "polnear" in res:
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

    if "honorifics" in res:
        h = res["honorifics"]
        print("\nHonorifics and surnames, PolNeAR dev (\"Mr. X\", \"Sen. X\", \"X\" after the article named \"First X\")")
        print(f"  resolved to the full name {h['resolved_share']:.1%}  ({h['resolved']}/{h['mentions']} mentions);"
              f" tagged as a person {h['tagged_share']:.1%}; {h['surnames_skipped_as_ambiguous']} surnames"
              " skipped (two first names)")

    if "bbc_entities" in res:
        b = res["bbc_entities"]
        print(f"\nEntity list, BBC library ({b['articles']} articles; top {TOP} by articles; false = hand list"
              " + shape checks)")
        for label in ("PERSON", "ORG"):
            for view, what in (("per_article", "per-article canonical"), ("merged", "+ simple library merge"),
                               ("titles_confirmed", "+ titles read by body")):
                row = b[f"{label}_{view}"]
                print(f"  {label:<7}{what:<26} false {row['false']:>3}   duplicates {row['duplicates']:>3}"
                      f"   ({row['distinct']} distinct names)")

    if "grouping" in res:
        g = res["grouping"]
        print(f"\nQuote grouping, BASIL gold ({g['events']} events): one statement "
              f"{g['one_statement_share']:.0%} ({g['one_statement']}/{g['groups']} shared-quote groups)")

    if "throughput" in res:
        t = res["throughput"]
        print(f"\nThroughput, BBC ({t['articles']} articles, one core{'' if t['pinned_to_one_cpu'] else ' (not pinned)'})")
        print(f"  {t['articles_per_second']:.0f} articles/s  (median of "
              + ", ".join(f"{s:.2f}" for s in t["pass_seconds"]) + " s)")

    def block(title: str, items: list[str]) -> None:
        print(f"\n-- {title} ({len(items)} in all; showing {min(n, len(items))})")
        for item in _spread(items, n):
            print(f"  {item}")

    if "bbc_entities" in examples:
        lists = examples["bbc_entities"]
        for label in ("PERSON", "ORG"):
            merged = lists[f"{label}_merged"]
            print(f"\n-- BBC top {TOP} {label} (merged view): "
                  + ", ".join(f"{name} ({count})" for name, count in merged["top"]))
            for view in ("per_article", "merged", "titles_confirmed"):
                items = lists[f"{label}_{view}"]
                false = ", ".join(f"{nm} ({c}; {why})" for nm, c, why in items["false"])
                print(f"   false ({view}): {false or '-'}")
                print(f"   duplicates ({view}): " + (", ".join(items["duplicates"]) or "-"))
    if n <= 0:
        return
    print("\nExample errors")
    if "conll" in examples:
        for kind in TYPES:
            block(f"CoNLL false negatives, {kind}", examples["conll"]["fn"].get(kind, []))
        for kind in TYPES:
            block(f"CoNLL false positives, {kind}", examples["conll"]["fp"].get(kind, []))
    if "polnear" in examples:
        block("PolNeAR missed direct quotes", examples["polnear"]["missed"])
        block("PolNeAR predicted quotes on no attribution", examples["polnear"]["spurious"])
        block("PolNeAR wrong speakers (gold source vs predicted)", examples["polnear"]["wrong"])
        block("PolNeAR detected direct quotes with no predicted speaker", examples["polnear"]["unspoken"])
    if "honorifics" in examples:
        block("PolNeAR surname mentions not resolved to the full name", examples["honorifics"]["unresolved"])
    print()


PARTS = ("conll", "polnear", "honorifics", "bbc_entities", "grouping", "throughput")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", choices=["builtin", "nlp", "all"], default="all")
    parser.add_argument("--json", action="store_true", help="print one JSON dict of the figures")
    parser.add_argument("--examples", type=int, default=15, help="example errors per kind (default 15)")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help=f"comma-separated parts to run (default all: {','.join(PARTS)})")
    args = parser.parse_args(argv)
    parts = [p.strip() for p in args.parts.split(",") if p.strip()]
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        print(f"unknown part: {', '.join(unknown)} (choose from {', '.join(PARTS)})", file=sys.stderr)
        return 2

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
    docs = read_conll(CONLL) if "conll" in parts else []
    articles, ann_files = read_polnear(POLNEAR) if {"polnear", "honorifics"} & set(parts) else ([], 0)
    texts = read_bbc(BBC) if "throughput" in parts else []
    bbc_articles = read_bbc_articles(BBC) if "bbc_entities" in parts else []
    out: dict = {"data": {"conll": str(CONLL), "polnear": str(POLNEAR), "polnear_ann_files": ann_files,
                          "bbc": str(BBC)}, "engines": {}}
    for engine in engines:
        engine_start = time.perf_counter()
        figures: dict = {}
        examples: dict = {}
        if "conll" in parts:
            figures["conll"], examples["conll"] = eval_conll(engine, docs)
        if "polnear" in parts:
            figures["polnear"], examples["polnear"] = eval_polnear(engine, articles)
        if "honorifics" in parts:
            figures["honorifics"], examples["honorifics"] = eval_honorifics(engine, articles)
        if "bbc_entities" in parts:
            figures["bbc_entities"], examples["bbc_entities"] = eval_bbc_entities(engine, bbc_articles)
        if "grouping" in parts and engine == "builtin":
            figures["grouping"] = eval_quote_grouping()
        if "throughput" in parts:
            figures["throughput"] = throughput(engine, texts)
        elapsed = time.perf_counter() - engine_start
        out["engines"][engine] = {**figures, "seconds": elapsed}
        if not args.json:
            print_report(engine, figures, examples, args.examples, elapsed)
    out["seconds"] = time.perf_counter() - started
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print(f"total {out['seconds']:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
