"""Human-readable output of the command line, rendered with Rich."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.markup import escape
from rich.padding import Padding
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from index import AddReport, Article, ArticleSummary, SearchResults
from index.highlight import match_offsets

console = Console(highlight=False)
errors = Console(stderr=True, highlight=False)


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
        f"Added [bold]{len(report.added)}[/], skipped {len(report.skipped)} duplicate(s), "
        f"failed {len(report.failed)}."
    )
    for failure in report.skipped[:20]:
        console.print(f"  [dim]skipped[/] {escape(str(failure))}", soft_wrap=True)
    if len(report.skipped) > 20:
        console.print(f"  [dim]… and {len(report.skipped) - 20} more duplicates[/]")
    for failure in report.failed:
        errors.print(f"  [red]failed[/] {escape(str(failure))}", soft_wrap=True)


def _highlighted(text: str, spans: list[tuple[int, int]]) -> Text:
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize("bold reverse", start, end)
    return rich_text


def print_search_results(results: SearchResults) -> None:
    if results.suggestion:
        console.print(f"Did you mean: [bold]{escape(results.suggestion)}[/]?")
    console.print(f"{results.total} result(s) for [bold]{escape(results.query)}[/]")
    for hit in results.hits:
        console.print()
        header = Text()
        header.append(hit.title, style="bold")
        header.append(f"  {hit.source}", style="cyan")
        if hit.published:
            header.append(f"  {_date(hit.published)}", style="dim")
        console.print(header)
        console.print(Text(hit.id, style="dim"))
        if hit.snippet:
            console.print(Padding(_highlighted(hit.snippet.text, hit.snippet.spans), (0, 0, 0, 2)))


def print_summaries(summaries: list[ArticleSummary]) -> None:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", style="dim", no_wrap=True)
    table.add_column("title")
    table.add_column("source", style="cyan")
    table.add_column("date", no_wrap=True)
    for summary in summaries:
        table.add_row(summary.id, summary.title, summary.source, _date(summary.published))
    console.print(table)
    console.print(f"{len(summaries)} article(s)")


def print_article(article: Article, terms: frozenset[str] = frozenset()) -> None:
    console.print(Text(article.title, style="bold"))
    meta = " · ".join(part for part in (article.display_source, article.author, _date(article.published)) if part)
    console.print(Text(meta, style="cyan"))
    if article.url:
        console.print(Text(article.url, style="dim underline"))
    if article.standfirst:
        console.print()
        console.print(Text(article.standfirst, style="italic"))
    for paragraph in article.paragraphs:
        console.print()
        console.print(_highlighted(paragraph, match_offsets(paragraph, terms)))
