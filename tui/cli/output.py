"""Human-readable output of the command line, rendered with Rich.

Every string from the library (titles, sources, ids, bodies, names, quotes,
file names, queries) reaches Rich as a `Text` built from `tui.safe`, never
as markup: a headline reading `[/]` or `[link=...]` shows as typed, and no
escape sequence gets through. The consoles parse no markup at all, so a
slip cannot turn content into styles or links either.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import pairwise
from typing import TYPE_CHECKING

from rich.console import Console
from rich.padding import Padding
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from ..safe import one_line, safe

if TYPE_CHECKING:
    from index.api import AddReport, Analysis, Article, ArticleSummary, Facet, SearchResults, Story



class _Console(Console):
    """A console that leaves a closed pipe to `main`, which exits 0 (Rich exits 1)."""

    def on_broken_pipe(self) -> None:
        raise BrokenPipeError


console = _Console(highlight=False, markup=False, emoji=False)
errors = _Console(stderr=True, highlight=False, markup=False, emoji=False)
# Piped output is for other programs: no wrapping at 80 columns, no padding.
PIPED = not console.is_terminal

StyledSpan = tuple[int, int, str]
"""(start, end, style): a style over a range of a raw string."""


def line(text: object, style: str = "") -> Text:
    """Untrusted text for one line: cleaned, line breaks folded."""
    return Text(one_line(text), style=style)


def block(text: object, style: str = "") -> Text:
    """Untrusted text that keeps its line breaks (bodies, quotes)."""
    return Text(safe(text), style=style)


def styled(text: str, spans: Iterable[StyledSpan]) -> Text:
    """`text` with styles over ranges of it. Cleaned piece by piece, so the
    offsets (into the raw text) stay right even if cleaning removes a
    character; where spans overlap, later ones win."""
    ordered = sorted(
        ((max(0, start), min(len(text), end), style, order)
         for order, (start, end, style) in enumerate(spans) if style and start < end),
        key=lambda span: span[0],
    )
    cuts = sorted({0, len(text), *(s[0] for s in ordered), *(s[1] for s in ordered)})
    result = Text()
    active: dict[int, tuple[int, str]] = {}  # order -> (end, style)
    waiting = 0
    for start, end in pairwise(cuts):
        while waiting < len(ordered) and ordered[waiting][0] <= start:
            _, span_end, style, order = ordered[waiting]
            active[order] = (span_end, style)
            waiting += 1
        for order in [o for o, (span_end, _) in active.items() if span_end <= start]:
            del active[order]
        style = " ".join(active[o][1] for o in sorted(active))
        result.append(safe(text[start:end]), style=style or None)
    return result


def _date(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


def _print(renderable: Text | Padding | Table | str = "") -> None:
    console.print(renderable, soft_wrap=PIPED)


@contextmanager
def add_progress(total: int, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long adds; a no-op for a few files."""
    if not enabled or not errors.is_terminal:
        yield lambda _done: None
        return
    with Progress(
        TextColumn("Adding", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task("add", total=total)
        yield lambda done: progress.advance(task, done)


SHOWN_DUPLICATES = 20


SHOWN_ADDED = 10
"""An add of at most this many articles lists their ids."""


def print_add_report(report: AddReport) -> None:
    console.print(
        Text.assemble(
            "Added ", (str(len(report.added)), "bold"),
            f" article(s); {len(report.skipped)} duplicate(s) already in the library; "
            f"{len(report.failed)} file(s) or page(s) could not be added.",
        ),
        soft_wrap=True,
    )
    if len(report.added) <= SHOWN_ADDED:  # a few: name them, for `show ID` next
        for article_id in report.added:
            console.print(Text.assemble("  ", ("added", "green"), " ", line(article_id)), soft_wrap=True)
    for duplicate in report.skipped[:SHOWN_DUPLICATES]:
        console.print(Text.assemble("  ", ("duplicate", "dim"), " ", line(duplicate)), soft_wrap=True)
    if len(report.skipped) > SHOWN_DUPLICATES:
        console.print(Text(f"  … and {len(report.skipped) - SHOWN_DUPLICATES} more duplicates", style="dim"))
    for failure in report.failed:
        errors.print(Text.assemble("  ", ("not added", "red"), " ", line(failure)), soft_wrap=True)


def print_search_results(results: SearchResults) -> None:
    if results.suggestion:
        _print(Text.assemble("Did you mean: ", line(results.suggestion, "bold"), "?"))
    about = "" if results.total_exact else "about "
    _print(Text.assemble(f"{about}{results.total} result(s) for ", line(results.query, "bold")))
    for note in results.notes:  # a limit cut the search short: say how
        errors.print(line(f"note: {note}", "yellow"), soft_wrap=True)
    for hit in results.hits:
        _print()
        header = Text.assemble(line(hit.title, "bold"), "  ", line(hit.outlet, "cyan"))
        if hit.published:
            header.append(f"  {_date(hit.published)}", style="dim")
        _print(header)
        _print(Text.assemble(line(hit.id, "dim"), "  ", line(hit.slug, "dim")))
        if hit.snippet:
            spans = [(start, end, "bold reverse") for start, end in hit.snippet.spans]
            _print(Padding(styled(hit.snippet.text, spans), (0, 0, 0, 2)))


def print_summaries(summaries: Sequence[ArticleSummary], marks: Sequence[str] = ()) -> None:
    """A table of articles; `marks` (● unread, ★ starred) go in a column of their own."""
    marks = list(marks) or [""] * len(summaries)
    if PIPED:  # one tab-separated line per article, for grep and cut; the marks last
        for summary, mark in zip(summaries, marks, strict=True):
            fields = (summary.id, summary.title, summary.outlet, _date(summary.published), mark)
            sys.stdout.write("\t".join(one_line(field) for field in fields) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("", style="yellow", no_wrap=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("title")
    table.add_column("outlet", style="cyan")
    table.add_column("date", no_wrap=True)
    for summary, mark in zip(summaries, marks, strict=True):
        table.add_row(
            Text(mark), line(summary.id), line(summary.title), line(summary.outlet), Text(_date(summary.published))
        )
    console.print(table)
    console.print(Text(f"{len(summaries)} article(s)"))


LABEL_STYLES = {
    "PERSON": "bold cyan", "ORG": "bold magenta", "PLACE": "bold green",
    "DATE": "yellow", "MONEY": "bold yellow", "NUMBER": "yellow",
}
QUOTE_STYLE = "italic"


def _analysis_spans(analysis: Analysis | None, offset: int = 0, length: int | None = None) -> list[StyledSpan]:
    """Quotations in italics, then entities coloured by kind, for the part of
    the analysed text that starts at `offset` (offsets made relative to it)."""
    if analysis is None:
        return []
    end = offset + length if length is not None else None
    spans: list[StyledSpan] = []
    items = [(q.start, q.end, QUOTE_STYLE) for q in analysis.quotes]
    items += [(e.start, e.end, LABEL_STYLES.get(e.label, "")) for e in analysis.entities]
    for start, stop, style in items:
        if start >= offset and (end is None or stop <= end):
            spans.append((start - offset, stop - offset, style))
    return spans


def print_analysis(text: str, analysis: Analysis) -> None:
    _print(styled(text, _analysis_spans(analysis)))
    _print()
    for quote in analysis.quotes:
        who = (quote.speaker.canonical or quote.speaker.text) if quote.speaker else f"({quote.kind})"
        _print(Text.assemble(line(who, "bold"), ": “", block(quote.text, QUOTE_STYLE), "”"))


FACET_TITLES = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "SPEAKER": "Quoted"}


def print_facets(facets: dict[str, list[Facet]]) -> None:
    for label, items in facets.items():
        console.print(Text(FACET_TITLES.get(label, label), style=LABEL_STYLES.get(label, "bold")))
        for facet in items:
            _print(Text.assemble(f"  {facet.articles:>4}  ", line(facet.name)))
        console.print()


def print_article(article: Article, also: Sequence[str] = ()) -> None:
    """An article, then (if other outlets published near copies) who else did."""
    _print(line(article.title, "bold"))
    meta = (article.outlet, article.author, _date(article.published))
    _print(line(" · ".join(one_line(part) for part in meta if part), "cyan"))
    if article.url:
        # Underlined, never a hyperlink: the address is the article's word, not ours.
        _print(line(article.url, "dim underline"))
    _print(Text.assemble(line(article.id, "dim"), "  ", line(article.slug, "dim")))  # to `show`, `compare` or `remove` it by
    if also:
        _print(line("Also published by " + ", ".join(one_line(name) for name in also), "dim"))
    if article.standfirst:
        _print()
        _print(block(article.standfirst, "italic"))
    offset = 0
    for paragraph in article.body.split("\n\n"):
        _print()
        _print(styled(paragraph, _analysis_spans(article.analysis, offset, len(paragraph))))
        offset += len(paragraph) + 2


def print_stories(stories: Sequence[Story], summaries: dict[str, ArticleSummary], changed: Story | None = None) -> None:
    """Stories with several articles in full; stories of one article counted."""
    singles = 0
    changed_id = changed.id if changed is not None else None
    if changed_id:
        _print(Text.assemble("Changed story ", line(changed_id, "bold"), ".\n"))
    for story in stories:
        if len(story.articles) == 1 and story.id != changed_id:
            singles += 1
            continue
        head = Text.assemble(line(story.id, "bold"), "  ", line(story.title, "bold"), f"  ({len(story.articles)})")
        if story.id == changed_id:
            head.append("  ← changed", style="green")
        _print(head)
        for article_id in story.articles:
            summary = summaries.get(article_id)
            source = summary.outlet if summary else ""
            title = summary.title if summary else ""
            _print(Text.assemble("    ", line(article_id, "dim"), "  ", line(summary.slug if summary else "", "dim"), "  ", line(source, "cyan"), "  " if source else "", line(title)))
    if singles:
        noun = "article stands" if singles == 1 else "articles stand"
        _print(Text(f"\n{singles} {noun} alone in a story of its own (`--json` lists them)."))


def print_removed(ids: Sequence[str]) -> None:
    for article_id in ids:
        _print(Text.assemble("Removed ", line(article_id)))
