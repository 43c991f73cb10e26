"""The compare gold set: hand labels for BASIL events, stored as ids and offsets.

    .venv/bin/python tests/bench/gold.py dump EVENT           # what a labeller reads
    .venv/bin/python tests/bench/gold.py store EVENT LABELS   # labels -> tests/bench/gold/compare/EVENT.json

A labeller reads the dump (every passage as "A3", every quote as "qA1", every
fact candidate as "fA7", numbered per article A, B, C) and writes a working
file of labels that may quote the articles' words (see LABELS_HELP). `store`
turns it into offsets into the articles' bodies, so the stored gold holds no
article text and survives changes to sentence splitting and analysis: every
finding is judged by the labelled span it overlaps most.

The event name is the first 8 characters of its triplet-uuid (1e41e98b).
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from index.article import Article  # noqa: E402

GOLD_DIR = ROOT / "tests" / "bench" / "gold" / "compare"
GOLD_EVENTS = ["1e41e98b", "3db93526", "11c9f251", "0c78e748", "06ffda2d",
               "33521e65", "6e502405", "1b96a5db", "005a2961", "70c744ad"]
"""Ten events: the shutdown triplet named in the issue, and nine of the
shorter ones on different subjects (ads, family, the FBI, a resignation,
charges, tax returns, a veto, a state bill, the IRS)."""
FACT_LABELS = ("PERSON", "ORG", "NUMBER", "MONEY", "DATE")

LABELS_HELP = """\
Labels file (JSON), every key optional ("same" left out: an event labelled
for its disagreements only, judged on nothing else):
{
  "same": {"A3": ["B5", "C7"], ...},
      For every passage, the passages of the OTHER articles that report its
      main fact or claim, in any wording (a paraphrase counts; sharing a name
      or the story's topic does not). Symmetric: listing A3->B5 is enough.
      A passage reporting nothing any other article reports gets [] or is left out.
  "trivial": ["A0", "C22", ...],
      Passages not worth a reader's attention as "only this outlet":
      furniture and boilerplate ("Read the full rant via ...", sign-offs,
      photo credits, "Related:", bylines, corrections), fragments, or
      background every reader of the story knows.
  "quotes": {"qA1": {"speaker": "Donald Trump", "same": ["qB0"]}, ...},
      For every quote: who really said it (a full name as the article gives
      it, or a description such as "a White House spokesman" when no one is
      named; null for a scare quote/term no one said), and the quotes of the
      other articles that are the same statement (largely the same words
      from the same occasion; sharing a short phrase is not enough).
  "facts": {"fA7": "elsewhere" | "only" | "trivial", ...},
      For every fact candidate (a name, number or date no other article
      spells the same way): "elsewhere" when another article reports the
      same fact in other words ("Mr. Trump" / "the president", "$1 million"
      / "a million dollars"), "only" when it is news only this article
      gives, "trivial" when it is only this article's but worthless (a
      reporter's byline, a photo credit, a generic date).
  "disagreements": [
      {"kind": "number" | "money" | "date" | "name",
       "readings": [["A12", "47-page"], ["B9", "48-page"]]}
  ]
      Real disagreements: two articles giving different values for the same
      thing (amounts, counts, dates, days, durations, spellings of a name).
      Each reading is a passage id and the exact words giving the value.
}
"""


@dataclass
class EventText:
    """One event's articles as the dump numbers them."""

    event: str
    articles: dict[str, Article]
    """Letter -> article, in the order compare() is given them."""
    passages: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    """'A3' -> (article id, start, end)."""
    quotes: dict[str, tuple[str, int, int]] = field(default_factory=dict)
    facts: dict[str, tuple[str, int, int]] = field(default_factory=dict)


def event_articles(event: str) -> list[Article]:
    from stories import read_basil  # noqa: PLC0415

    articles, gold = read_basil()
    return [a for a in articles if gold[a.id].startswith(event)]


def number_event(event: str, articles: list[Article] | None = None) -> EventText:
    from index.compare.passages import split_passages  # noqa: PLC0415

    articles = articles if articles is not None else event_articles(event)
    text = EventText(event, {chr(ord("A") + n): a for n, a in enumerate(articles)})
    bodies = {a.id: a.body.lower() for a in articles}
    for letter, article in text.articles.items():
        for n, p in enumerate(split_passages(article)):
            text.passages[f"{letter}{n}"] = (article.id, p.start, p.end)
        for n, q in enumerate(article.analysis.quotes):
            text.quotes[f"q{letter}{n}"] = (article.id, q.start, q.end)
        n = 0
        for e in article.analysis.entities:
            if e.label not in FACT_LABELS:
                continue
            if e.label in ("NUMBER", "MONEY", "DATE") and not any(c.isdigit() for c in e.text):
                continue
            if any(e.text.lower() in bodies[o.id] for o in articles if o.id != article.id):
                continue
            text.facts[f"f{letter}{n}"] = (article.id, e.start, e.end)
            n += 1
    return text


def _passage_of(text: EventText, article: str, start: int) -> str:
    for key, (a, s, e) in text.passages.items():
        if a == article and s <= start < e:
            return key
    return "?"


def dump(event: str) -> str:
    text = number_event(event)
    lines = [f"EVENT {event}", ""]
    for letter, article in text.articles.items():
        lines.append(f"== Article {letter}: {article.source} · {article.id} · {article.title}")
        for key, (a, s, e) in text.passages.items():
            if a == article.id:
                lines.append(f"{key}: {article.body[s:e]}")
        lines.append("")
    lines.append("== Quotes (our analysis; 'ours' is the speaker we give now, often wrong)")
    for key, (a, s, e) in text.quotes.items():
        article = next(x for x in text.articles.values() if x.id == a)
        quote = next(q for q in article.analysis.quotes if q.start == s)
        ours = quote.speaker.canonical if quote.speaker else None
        lines.append(f"{key} in {_passage_of(text, a, s)}: «{article.body[s:e]}» ours={ours!r} kind={quote.kind}")
    lines.append("")
    lines.append("== Fact candidates (no other article has these exact words)")
    for key, (a, s, e) in text.facts.items():
        article = next(x for x in text.articles.values() if x.id == a)
        entity = next(x for x in article.analysis.entities if x.start == s and x.end == e)
        lines.append(f"{key} in {_passage_of(text, a, s)}: {entity.label} «{article.body[s:e]}»")
    return "\n".join(lines)


def _find(text: EventText, passage: str, words: str) -> list:
    article_id, s, e = text.passages[passage]
    article = next(a for a in text.articles.values() if a.id == article_id)
    at = article.body.find(words, s, e)
    if at < 0:
        at = article.body.lower().find(words.lower(), s, e)
    if at < 0:
        raise SystemExit(f"{passage}: {words!r} is not in that passage")
    return [article_id, at, at + len(words)]


def _speaker_span(text: EventText, article_id: str, name: str | None) -> list | None:
    """Where the speaker's name (or description) first appears: the article
    quoting them, else any article of the event, else (never) the text."""
    if not name:
        return None
    ordered = sorted(text.articles.values(), key=lambda a: a.id != article_id)
    for article in ordered:
        at = article.body.find(name)
        if at >= 0:
            return [article.id, at, at + len(name)]
    for article in ordered:
        at = article.body.lower().find(name.lower())
        if at >= 0:
            return [article.id, at, at + len(name)]
    raise SystemExit(f"speaker {name!r} is not named in any article of the event; give the words an article uses")


def store(event: str, labels_path: Path) -> Path:
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    text = number_event(event)
    links: dict[str, set[str]] = defaultdict(set)
    for key, others in labels.get("same", {}).items():
        for other in others:
            if key not in text.passages or other not in text.passages:
                raise SystemExit(f"unknown passage {key if key not in text.passages else other}")
            links[key].add(other)
            links[other].add(key)
    trivial = set(labels.get("trivial", []))
    passages = []
    for key, (a, s, e) in text.passages.items():
        passages.append({"article": a, "start": s, "end": e,
                         "same_as": sorted([text.passages[o][0], text.passages[o][1]] for o in links[key]),
                         "trivial": key in trivial})
    quote_links: dict[str, set[str]] = defaultdict(set)
    for key, label in labels.get("quotes", {}).items():
        for other in label.get("same", []):
            quote_links[key].add(other)
            quote_links[other].add(key)
    quotes = []
    for key, label in labels.get("quotes", {}).items():
        a, s, e = text.quotes[key]
        quotes.append({"article": a, "start": s, "end": e,
                       "speaker": _speaker_span(text, a, label.get("speaker")),
                       "same_as": sorted([text.quotes[o][0], text.quotes[o][1]] for o in quote_links[key])})
    facts = [{"article": text.facts[k][0], "start": text.facts[k][1], "end": text.facts[k][2], "judgement": v}
             for k, v in labels.get("facts", {}).items()]
    disagreements = [{"kind": d["kind"], "readings": [_find(text, p, w) for p, w in d["readings"]]}
                     for d in labels.get("disagreements", [])]
    gold = {"event": event, "articles": [a.id for a in text.articles.values()], "passages": passages,
            "quotes": quotes, "facts": facts, "disagreements": disagreements}
    if "same" not in labels:
        # Labelled for disagreements only: the other judgements skip it.
        gold["scope"] = "disagreements"
    GOLD_DIR.mkdir(parents=True, exist_ok=True)
    path = GOLD_DIR / f"{event}.json"
    path.write_text(json.dumps(gold, indent=1) + "\n", encoding="utf-8")
    return path


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "dump":
        print(dump(argv[1]))
        print()
        print(LABELS_HELP)
        return 0
    if len(argv) == 3 and argv[0] == "store":
        print(store(argv[1], Path(argv[2])))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
