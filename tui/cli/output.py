"""Human-readable output of the command line, rendered with Rich.

Every string from the library (titles, sources, ids, bodies, names, quotes,
file names, queries) reaches Rich as a `Text` built from `tui.safe`, never
as markup: a headline reading `[/]` or `[link=...]` shows as typed, and no
escape sequence gets through. The consoles parse no markup at all, so a
slip cannot turn content into styles or links either.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.padding import Padding
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from ..safe import one_line, safe
from ..wording import plural

if TYPE_CHECKING:
    from index.api import (
        AddReport,
        Analysis,
        Article,
        ArticleSummary,
        Facet,
        SearchResults,
        Story,
        StoryMember,
        StoryRecord,
    )



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


def stopping_notice() -> None:
    """Said at the first Ctrl-C of an add, while what was read is committed."""
    errors.print(Text("Stopping: keeping what was read so far (Ctrl-C again gives up the last part)…"), soft_wrap=True)


SHOWN_DUPLICATES = 20
SHOWN_WARNINGS = 20
"""Without --verbose, at most this many duplicates and warnings are listed."""
SHOWN_ADDED = 10
"""An add of at most this many articles lists their ids."""


def add_summary_line(report: AddReport) -> str:
    """'Added 3 articles; 1 duplicate already in the library; 1 file or page could not be added.'"""
    parts = [f"Added {plural(len(report.added), 'article')}"]
    if report.skipped:
        parts.append(f"{plural(len(report.skipped), 'duplicate')} already in the library")
    if report.failed:
        parts.append(f"{plural(len(report.failed), 'file or page', 'files or pages')} could not be added")
    return "; ".join(parts) + "."


def ignored_groups(report: AddReport) -> list[tuple[str, list]]:
    """One summary line per kind of thing left aside (files of other types,
    empty directories), each with its items."""
    from index.api import ARTICLE_SUFFIXES, EMPTY_DIRECTORY

    groups = []
    files = [item for item in report.ignored if item.kind != EMPTY_DIRECTORY]
    if files:
        kinds = Counter(Path(item.path).suffix.lower() or "no extension" for item in files)
        shown = ", ".join(f"{kind} {count}" for kind, count in kinds.most_common(5))
        more = ", …" if len(kinds) > 5 else ""
        groups.append((
            f"Skipped {plural(len(files), 'file')} of other types ({shown}{more}); "
            f"newsreader reads {' '.join(ARTICLE_SUFFIXES)}",
            files,
        ))
    empty = [item for item in report.ignored if item.kind == EMPTY_DIRECTORY]
    if empty:
        groups.append((f"Skipped {plural(len(empty), 'empty directory', 'empty directories')}", empty))
    return groups


def print_add_report(report: AddReport, *, verbose: bool = False) -> None:
    console.print(Text(add_summary_line(report)), soft_wrap=True)
    if len(report.added) <= SHOWN_ADDED:  # a few: name them, for `show ID` next
        for article_id in report.added:
            console.print(Text.assemble("  ", ("added", "green"), " ", line(article_id)), soft_wrap=True)
    duplicates = report.skipped if verbose else report.skipped[:SHOWN_DUPLICATES]
    for duplicate in duplicates:
        console.print(Text.assemble("  ", ("duplicate", "dim"), " ", line(duplicate)), soft_wrap=True)
    if len(report.skipped) > len(duplicates):
        more = len(report.skipped) - len(duplicates)
        console.print(Text(f"  … and {plural(more, 'more duplicate')} (--verbose lists them)", style="dim"), soft_wrap=True)
    for summary, items in ignored_groups(report):
        console.print(Text(f"{summary}:" if verbose else f"{summary} (--verbose lists them)."), soft_wrap=True)
        for item in items if verbose else ():
            console.print(Text.assemble("  ", ("skipped", "dim"), " ", line(item)), soft_wrap=True)
    warnings = report.warnings if verbose else report.warnings[:SHOWN_WARNINGS]
    for warning in warnings:
        errors.print(Text.assemble("  ", ("warning", "yellow"), " ", line(warning)), soft_wrap=True)
    if len(report.warnings) > len(warnings):
        errors.print(Text(f"  … and {plural(len(report.warnings) - len(warnings), 'more warning')} (--verbose lists them)", style="yellow"))
    for failure in report.failed:
        errors.print(Text.assemble("  ", ("not added", "red"), " ", line(failure)), soft_wrap=True)


def print_search_results(results: SearchResults) -> None:
    if results.suggestion:
        _print(Text.assemble("Did you mean: ", line(results.suggestion, "bold"), "?"))
    about = "" if results.total_exact else "about "
    if results.query.strip():
        _print(Text.assemble(f"{about}{plural(results.total, 'result')} for ", line(results.query, "bold")))
    else:  # an empty search lists the library
        _print(Text(f"{about}{plural(results.total, 'article')}, newest first"))
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


def print_summaries(rows: Iterable[tuple[ArticleSummary, str]]) -> None:
    """A table of articles, each with its marks (● unread, ★ starred) in a
    column of their own. Piped, each line is written as its row arrives."""
    if PIPED:  # one tab-separated line per article, for grep and cut; the marks last
        for summary, mark in rows:
            fields = (summary.id, summary.title, summary.outlet, _date(summary.published), mark)
            sys.stdout.write("\t".join(one_line(field) for field in fields) + "\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("", style="yellow", no_wrap=True)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("title")
    table.add_column("outlet", style="cyan")
    table.add_column("date", no_wrap=True)
    for summary, mark in rows:
        table.add_row(
            Text(mark), line(summary.id), line(summary.title), line(summary.outlet), Text(_date(summary.published))
        )
    console.print(table)
    console.print(Text(plural(table.row_count, "article") if table.row_count else "No articles."))


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


NAME_HEADINGS = {
    "PERSON": "People", "ORG": "Organisations", "PLACE": "Places",
    "DATE": "Dates", "MONEY": "Money", "NUMBER": "Numbers",
}


def print_names(analysis: Analysis) -> None:
    """What the colours say, in words (a pipe keeps no colour): one line per
    kind, the names in order of first mention, other spellings in brackets."""
    for label, heading in NAME_HEADINGS.items():
        forms: dict[str, dict[str, None]] = {}
        for entity in analysis.entities:
            if entity.label == label:
                forms.setdefault(entity.canonical or entity.text, {})[entity.text] = None
        if not forms:
            continue
        names = []
        for name, spellings in forms.items():
            other = [one_line(s) for s in spellings if s != name]
            names.append(one_line(name) + (f" ({', '.join(other)})" if other else ""))
        _print(Text.assemble((f"{heading}:", LABEL_STYLES[label]), " ", "; ".join(names)))


def print_quotes(analysis: Analysis) -> None:
    for quote in analysis.quotes:
        who = (quote.speaker.canonical or quote.speaker.text) if quote.speaker else f"({quote.kind})"
        _print(Text.assemble("  ", line(who, "bold"), ": “", block(quote.text, QUOTE_STYLE), "”"))


def print_analysis(text: str, analysis: Analysis) -> None:
    _print(styled(text.rstrip(), _analysis_spans(analysis)))
    if analysis.entities:
        _print()
        print_names(analysis)
    if analysis.quotes:
        _print()
        _print(Text("Quotes:", style="bold"))
        print_quotes(analysis)


FACET_TITLES = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "SPEAKER": "Quoted"}


def print_facets(facets: dict[str, list[Facet]]) -> None:
    if not any(facets.values()):
        _print(Text("No people, organisations, places or quoted speakers in the library yet."))
    for label, items in facets.items():
        if not items:
            continue  # no heading over nothing
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
    if PIPED and article.analysis is not None and article.analysis.entities:
        # The colours are gone in a pipe: the names they marked, in words.
        _print()
        print_names(article.analysis)


STORY_ARTICLES_SHOWN = 10
"""Articles listed under a story (a story of a hundred reprints would fill the screen)."""


def print_stories(
    stories: Sequence[StoryRecord],
    members: Mapping[str, Sequence[StoryMember]],
    changed: Story | None = None,
    *,
    filtered: bool = False,
) -> None:
    """One line per story (id, dates, title, count and outlets), its articles
    beneath when it has several; stories of one article are counted, unless a
    filter chose them. `members` gives the articles of the stories printed."""
    singles = 0
    changed_id = changed.id if changed is not None else None
    if changed_id:
        _print(Text.assemble("Changed story ", line(changed_id, "bold"), ".\n"))
    for story in stories:
        if story.count == 1 and story.id != changed_id and not filtered:
            singles += 1
            continue
        head = Text.assemble(line(story.id, "bold"), "  ")
        if story.dates:
            head.append_text(line(story.dates, "dim"))
            head.append("  ")
        outlets = ", ".join(one_line(name) for name in story.outlets)
        head.append_text(Text.assemble(line(story.title, "bold"), f"  ({story.count}: ", line(outlets, "cyan"), ")"))
        if story.id == changed_id:
            head.append("  ← changed", style="green")
        if story.count > 1:
            listed = members.get(story.id, ())
            for member in listed[:STORY_ARTICLES_SHOWN]:
                parts: list[str | Text] = ["\n    ", line(member.id, "dim"), "  ", line(member.outlet, "cyan"), "  "]
                if member.date:
                    parts += [line(member.date, "dim"), "  "]
                head.append_text(Text.assemble(*parts, line(member.title)))
            if len(listed) > STORY_ARTICLES_SHOWN:
                more = len(listed) - STORY_ARTICLES_SHOWN
                head.append(f"\n    … and {more} more (`--json` lists every one)", style="dim")
        _print(head)  # a story at a time: printing is what a long listing spends its time on
    if singles:
        if singles == 1:
            _print(Text("\n1 article stands alone in a story of its own (`--json` lists it)."))
        else:
            _print(Text(f"\n{singles} articles stand alone, each in a story of its own (`--json` lists them)."))
    if not stories:
        _print(Text("No story matches." if filtered else "No stories: the library is empty."))
