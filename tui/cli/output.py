"""Human-readable output of the command line, rendered with Rich."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from index import AddReport, Article, ArticleSummary, SearchResults

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)
# Piped output is for other programs: no wrapping at 80 columns, no padding.
PIPED = not console.is_terminal


def _date(value) -> str:
    return value.strftime("%Y-%m-%d") if value else ""


@contextmanager
def add_progress(total: int, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress bar on stderr for long adds; a no-op for a few files."""
    if not enabled or not errors.is_terminal:
        yield lambda _done: None
        return
    with Progress(
        TextColumn("Adding"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
    ) as progress:
        task = progress.add_task("add", total=total)
        yield lambda done: progress.advance(task, done)


def print_add_report(report: AddReport) -> None:
    console.print(
        f"Added [bold]{len(report.added)}[/] article(s); {len(report.skipped)} duplicate(s) already in the library; "
        f"{len(report.failed)} file(s) could not be read.",
        soft_wrap=True,
    )
    for failure in report.skipped[:20]:
        console.print(f"  [dim]duplicate[/] {escape(str(failure))}", soft_wrap=True)
    if len(report.skipped) > 20:
        console.print(f"  [dim]… and {len(report.skipped) - 20} more duplicates[/]")
    for failure in report.failed:
        errors.print(f"  [red]not added[/] {escape(str(failure))}", soft_wrap=True)


def _highlighted(text: str, spans: list[tuple[int, int]]) -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize("bold reverse", start, end)
    return rich_text


def print_search_results(results: SearchResults) -> None:
    if results.suggestion:
        console.print(f"Did you mean: [bold]{escape(results.suggestion)}[/]?")
    about = "" if results.total_exact else "about "
    console.print(f"{about}{results.total} result(s) for [bold]{escape(results.query)}[/]")
    for hit in results.hits:
        console.print()
        header = Text()
        header.append(hit.title, style="bold")
        header.append(f"  {hit.source}", style="cyan")
        if hit.published:
            header.append(f"  {_date(hit.published)}", style="dim")
        console.print(header, soft_wrap=PIPED)
        console.print(Text(hit.id, style="dim"))
        if hit.snippet:
            console.print(Padding(_highlighted(hit.snippet.text, hit.snippet.spans), (0, 0, 0, 2)), soft_wrap=PIPED)


def print_summaries(summaries: list[ArticleSummary]) -> None:
    if PIPED:  # one tab-separated line per article, for grep and cut
        for summary in summaries:
            sys.stdout.write(f"{summary.id}\t{summary.title}\t{summary.source}\t{_date(summary.published)}\n")
        return
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("title")
    table.add_column("source", style="cyan")
    table.add_column("date", no_wrap=True)
    for summary in summaries:
        table.add_row(summary.id, summary.title, summary.source, _date(summary.published))
    console.print(table)
    console.print(f"{len(summaries)} article(s)")


LABEL_STYLES = {
    "PERSON": "bold cyan", "ORG": "bold magenta", "PLACE": "bold green",
    "DATE": "yellow", "MONEY": "bold yellow", "NUMBER": "yellow",
}
QUOTE_STYLE = "italic"


def _styled(text: str, analysis, offset: int = 0) -> Text:
    """`text` with entities coloured by kind and quotations in italics."""
    rich_text = Text(text)
    if analysis is None:
        return rich_text
    end = offset + len(text)
    for quote in analysis.quotes:
        if quote.start >= offset and quote.end <= end:
            rich_text.stylize(QUOTE_STYLE, quote.start - offset, quote.end - offset)
    for entity in analysis.entities:
        if entity.start >= offset and entity.end <= end:
            rich_text.stylize(LABEL_STYLES.get(entity.label, ""), entity.start - offset, entity.end - offset)
    return rich_text


def print_analysis(text: str, analysis) -> None:
    console.print(_styled(text, analysis), soft_wrap=PIPED)
    console.print()
    for quote in analysis.quotes:
        who = quote.speaker.canonical or quote.speaker.text if quote.speaker else f"({quote.kind})"
        console.print(Text.assemble((who, "bold"), ": “", (quote.text, QUOTE_STYLE), "”"), soft_wrap=PIPED)


def print_facets(facets) -> None:
    titles = {"PERSON": "People", "ORG": "Organisations", "PLACE": "Places", "SPEAKER": "Quoted"}
    for label, items in facets.items():
        console.print(Text(titles[label], style=LABEL_STYLES.get(label, "bold")))
        for facet in items:
            console.print(f"  {facet.articles:>4}  {escape(facet.name)}", soft_wrap=PIPED)
        console.print()


def print_article(article: Article) -> None:
    console.print(Text(article.title, style="bold"), soft_wrap=PIPED)
    meta = " · ".join(part for part in (article.display_source, article.author, _date(article.published)) if part)
    console.print(Text(meta, style="cyan"))
    if article.url:
        console.print(Text(article.url, style="dim underline"))
    if article.standfirst:
        console.print()
        console.print(Text(article.standfirst, style="italic"), soft_wrap=PIPED)
    offset = 0
    for paragraph in article.body.split("\n\n"):
        console.print()
        console.print(_styled(paragraph, article.analysis, offset), soft_wrap=PIPED)
        offset += len(paragraph) + 2


def print_comparison(comparison) -> None:
    """A terminal summary of a comparison: conflicts, shared quotes, unique
    reporting, then who is covered and quoted by whom."""
    names = comparison.labels()
    for info in comparison.articles:
        console.print(Text.assemble((names[info.id], "bold cyan"), "  ", info.title), soft_wrap=PIPED)
    console.print(
        f"\n{len(comparison.alignments)} aligned passages · "
        f"{sum(u.kind == 'passage' for u in comparison.unique)} unique passages · "
        f"{len(comparison.quotes)} shared quote{'s' if len(comparison.quotes) != 1 else ''} · "
        f"{len(comparison.conflicts)} conflict{'s' if len(comparison.conflicts) != 1 else ''}"
    )
    if comparison.conflicts:
        console.print("\n[bold red]Conflicts[/]")
        for conflict in comparison.conflicts:
            console.print(Text(f"  {conflict.about}", style="bold"), soft_wrap=PIPED)
            for reading in conflict.readings:
                console.print(Text.assemble("    ", (names[reading.article], "cyan"), ": ", (reading.value, "bold red"),
                                            f"  “{reading.context}”"), soft_wrap=PIPED)
    if comparison.quotes:
        console.print("\n[bold magenta]Shared quotes[/]")
        for shared in comparison.quotes:
            console.print(Text(f"  {shared.speaker or 'Unattributed'}", style="bold"))
            for variant in shared.variants:
                line = Text.assemble("    ", (names[variant.article], "cyan"), ": “", (variant.text, QUOTE_STYLE), "”")
                if variant.is_excerpt:
                    line.append("  (excerpt)", style="dim")
                for change in () if variant.is_excerpt else variant.changes:
                    if change.op == "replace":
                        line.append(f"  {change.old} → {change.new}", style="yellow")
                    elif change.op == "insert":
                        line.append(f"  +{change.new}", style="green")
                    else:
                        line.append(f"  −{change.old}", style="dim")
                console.print(line, soft_wrap=PIPED)
    console.print("\n[bold yellow]Only one outlet reports[/]")
    for info in comparison.articles:
        items = [u for u in comparison.unique if u.article == info.id]
        if not items:
            continue
        console.print(Text(f"  {names[info.id]}", style="bold cyan"))
        for unique in items:
            if unique.kind == "passage":
                console.print(Text(f"    • {unique.text}"), soft_wrap=PIPED)
        facts = [u.text for u in items if u.kind == "fact"]
        if facts:
            console.print(Text(f"    facts: {', '.join(facts)}", style="yellow"), soft_wrap=PIPED)
    console.print("\n[bold]Coverage[/] (mentions per article)")
    kinds = {"speaker": "quoted", "person": "person", "org": "org", "place": "place", "number": "number"}
    if PIPED:  # tab-separated, for other programs
        sys.stdout.write("\t".join(["mentions", *(a.id for a in comparison.articles)]) + "\n")
        for row in comparison.coverage:
            counts = [str(row.counts[a.id]) for a in comparison.articles]
            sys.stdout.write("\t".join([f"{kinds[row.kind]}: {row.name}", *counts]) + "\n")
    else:
        table = Table(box=None, header_style="bold", pad_edge=False)
        table.add_column("", no_wrap=True, overflow="ellipsis", min_width=24, ratio=1)
        for info in comparison.articles:
            table.add_column(names[info.id][:8], justify="right", no_wrap=True, max_width=8)
        for row in comparison.coverage[:40]:
            cells = [str(row.counts[a.id]) if row.counts[a.id] else "·" for a in comparison.articles]
            table.add_row(f"{kinds[row.kind]}: {row.name}", *cells)
        console.print(table)
    console.print("\n[bold]Voices[/]")
    for info in comparison.articles:
        voices = comparison.voices.get(info.id, [])
        quoted = "; ".join(f"{v.speaker} ({v.role}) ×{v.quotes}" for v in voices) or "quotes no one directly"
        console.print(Text.assemble("  ", (names[info.id], "cyan"), ": ", quoted), soft_wrap=PIPED)


def print_stories(stories, summaries: dict, changed=None) -> None:
    """Stories with several articles in full; stories of one article counted."""
    singles = 0
    changed_id = changed.id if changed is not None else None
    if changed_id:
        console.print(f"Changed story [bold]{changed_id}[/].\n")
    for story in stories:
        if len(story.articles) == 1 and story.id != changed_id:
            singles += 1
            continue
        mark = "  [green]← changed[/]" if story.id == changed_id else ""
        console.print(Text.assemble((story.id, "bold"), "  ", (story.title, "bold"), f"  ({len(story.articles)})"),
                      soft_wrap=PIPED, end="")
        console.print(mark)
        for article_id in story.articles:
            summary = summaries.get(article_id)
            source = summary.source if summary and summary.source else ""
            title = summary.title if summary else ""
            console.print(Text.assemble("    ", (article_id, "dim"), "  ", (source, "cyan"), "  " if source else "", title),
                          soft_wrap=PIPED)
    if singles:
        noun = "article stands" if singles == 1 else "articles stand"
        console.print(f"\n{singles} {noun} alone in a story of its own (`--json` lists them).")
