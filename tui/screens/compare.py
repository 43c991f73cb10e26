"""Compare coverage: two to five articles side by side, their passages lined
up by alignment, with what each shares, omits, quotes and disputes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Footer, Header, Static

from ..messages import ComparisonFailed, ComparisonReady
from ..widgets.compare_column import CompareColumn, passage_marks
from ..widgets.quote_ledger import QuoteLedger

if TYPE_CHECKING:
    from index.compare.model import Comparison

class CoverageTable(DataTable):
    """The coverage matrix: a row per name, number or speaker, a column per article."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]


MIN_COLUMN_WIDTH = 38
MAX_VISIBLE_COLUMNS = 5
LEGEND = (
    ("shared", "reported by others"),
    ("unique", "only this outlet"),
    ("conflict", "conflicting fact"),
    ("fact", "fact no one else gives"),
    ("quote", "shared quote"),
)


class CompareScreen(Screen[None]):
    BINDINGS = [
        Binding("escape,q", "back", "Back"),
        Binding("tab,right,l", "next_column", "Next column"),
        Binding("shift+tab,left,h", "previous_column", "Prev column", show=False),
        Binding("n", "next_finding", "Next finding"),
        Binding("N", "previous_finding", "Prev finding", show=False),
        Binding("s", "toggle_sync", "Sync"),
        Binding("c", "show_view('columns')", "Columns", show=False),
        Binding("m", "show_view('matrix')", "Matrix"),
        Binding("quotation_mark", "show_view('quotes')", "Quotes"),
        Binding("v", "cycle_view", "View", show=False),
        Binding("enter", "open_article", "Read"),
    ]

    def __init__(self, article_ids: list[str]) -> None:
        super().__init__()
        self.article_ids = article_ids
        self.comparison: Comparison | None = None
        self.synced = True
        self.first_visible = 0
        self.visible_columns = 1
        self.current_column = 0
        self.finding = ""
        """What the last `n` / `N` landed on, for the status line."""
        self.finding_at: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Horizontal(id="compare-legend")
        with ContentSwitcher(initial="columns", id="compare-views"):
            yield Horizontal(id="columns")
            yield CoverageTable(id="matrix", zebra_stripes=True, cursor_type="row")
            yield QuoteLedger(id="quotes")
        yield Static("Comparing…", id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"comparing {len(self.article_ids)} articles"
        self.query_one("#columns").loading = True
        self._compare(self.app.library, self.article_ids)  # type: ignore[attr-defined]

    # -- loading ---------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, library, article_ids: list[str]) -> None:
        from index.compare import CompareError, compare

        articles = [library.get(article_id) for article_id in article_ids]
        missing = [i for i, a in zip(article_ids, articles) if a is None]
        if missing:
            self.post_message(ComparisonFailed(f"Article {missing[0]} is no longer in the library"))
            return
        try:
            self.post_message(ComparisonReady(compare(articles)))
        except CompareError as error:
            self.post_message(ComparisonFailed(str(error)))

    @on(ComparisonFailed)
    def comparison_failed(self, message: ComparisonFailed) -> None:
        self.notify(message.error, severity="error")
        self.app.pop_screen()

    @on(ComparisonReady)
    async def comparison_ready(self, message: ComparisonReady) -> None:
        comparison: Comparison = message.comparison  # type: ignore[assignment]
        self.comparison = comparison
        columns = self.query_one("#columns", Horizontal)
        labels = comparison.labels()
        await columns.mount_all(
            CompareColumn(
                info, comparison.passages[info.id], passage_marks(comparison, info.id),
                label=labels[info.id], id=f"column-{n}",
            )
            for n, info in enumerate(comparison.articles)
        )
        columns.loading = False
        self._draw_legend()
        self._fill_matrix(comparison)
        self.query_one(QuoteLedger).show(comparison)
        self._layout_columns(self.size.width)
        first = self.columns[0]
        first.focus()
        self.call_after_refresh(first.set_cursor, 0)

    @property
    def columns(self) -> list[CompareColumn]:
        return list(self.query(CompareColumn))

    def _draw_legend(self) -> None:
        legend = self.query_one("#compare-legend", Horizontal)
        legend.remove_children()
        legend.mount_all(Static(f" {label} ", classes=f"legend-item -{kind}") for kind, label in LEGEND)

    def _fill_matrix(self, comparison: Comparison) -> None:
        table = self.query_one("#matrix", DataTable)
        table.clear(columns=True)
        table.add_column("mentions", key="name")
        labels = comparison.labels()
        for info in comparison.articles:
            table.add_column(labels[info.id][:14], key=info.id)
        kinds = {"speaker": "quoted", "person": "person", "org": "org", "place": "place", "number": "number"}
        for row in comparison.coverage:
            cells = [str(row.counts[a.id]) if row.counts[a.id] else "·" for a in comparison.articles]
            table.add_row(f"{kinds[row.kind]}: {row.name}", *cells)

    # -- layout ------------------------------------------------------------------

    def on_resize(self, event) -> None:
        self._layout_columns(event.size.width)

    def _layout_columns(self, width: int) -> None:
        columns = self.columns
        if not columns:
            return
        self.visible_columns = max(1, min(len(columns), MAX_VISIBLE_COLUMNS, width // MIN_COLUMN_WIDTH))
        focused = self._focused_index()
        if focused < self.first_visible:
            self.first_visible = focused
        elif focused >= self.first_visible + self.visible_columns:
            self.first_visible = focused - self.visible_columns + 1
        self.first_visible = max(0, min(self.first_visible, len(columns) - self.visible_columns))
        for n, column in enumerate(columns):
            column.display = self.first_visible <= n < self.first_visible + self.visible_columns
        self._update_status()

    def _focused_index(self) -> int:
        return self.current_column

    def on_descendant_focus(self, event) -> None:
        # A click on a column makes it the current one.
        if isinstance(event.widget, CompareColumn) and event.widget in self.columns:
            self.current_column = self.columns.index(event.widget)

    def _update_status(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        unique = sum(u.kind == "passage" for u in comparison.unique)
        view = self._view()
        parts = [self.finding] if self.finding and view == "columns" else []
        total = len(self.columns)
        if self.visible_columns < total and view == "columns":
            first = self.first_visible + 1
            parts.append(f"columns {first}–{self.first_visible + self.visible_columns} of {total} (←/→)")
        parts += [
            f"{len(comparison.alignments)} aligned",
            f"{unique} unique",
            f"{len(comparison.quotes)} shared quotes",
            f"{len(comparison.conflicts)} conflict{'s' if len(comparison.conflicts) != 1 else ''}",
        ]
        if view == "columns":
            parts.append("sync on" if self.synced else "sync off (s)")
        else:
            parts.append("c: back to the columns")
        self.query_one("#compare-status", Static).update("  ·  ".join(parts))

    # -- moving between columns -----------------------------------------------------

    def _focus_column(self, index: int) -> None:
        columns = self.columns
        if not columns:
            return
        self.current_column = index % len(columns)
        self._layout_columns(self.size.width)  # page first: a hidden column cannot take focus
        columns[self.current_column].focus()

    def action_next_column(self) -> None:
        self._move_to_column(self._focused_index() + 1)

    def action_previous_column(self) -> None:
        self._move_to_column(self._focused_index() - 1)

    def _move_to_column(self, index: int) -> None:
        """Focus another column at the passage level with where you were: the
        counterpart of the current passage, else the passage beside it."""
        columns = self.columns
        if not columns:
            return
        source, target = columns[self.current_column], columns[index % len(columns)]
        if target is not source and source.passages and target.passages:
            passage = self._counterpart(source, source.cursor, target)
            if passage is None and target.display:
                passage = target.passage_at(source.offset_on_screen(source.cursor))
            if passage is not None:
                target.set_cursor(passage, scroll=not target.display, announce=False)
        self._focus_column(index)

    # -- synchronised scrolling ---------------------------------------------------

    @on(CompareColumn.CursorMoved)
    def cursor_moved(self, message: CompareColumn.CursorMoved) -> None:
        self._mark_linked(message.column, message.index)
        columns = self.columns
        here = (columns.index(message.column), message.index) if message.column in columns else None
        if self.finding and here != self.finding_at:
            self.finding = ""
            self._update_status()
        if self.synced:
            self.call_after_refresh(self._sync_from, message.column, message.index)

    @on(CompareColumn.Scrolled)
    def column_scrolled(self, message: CompareColumn.Scrolled) -> None:
        columns = self.columns
        if self.synced and columns and message.column is columns[self.current_column]:
            self._sync_from(message.column, message.column.top_visible())

    def _group(self, column: CompareColumn, index: int) -> int | None:
        return column.marks[index].group if 0 <= index < len(column.marks) else None

    def _counterpart(self, source: CompareColumn, index: int, target: CompareColumn) -> int | None:
        group = self._group(source, index)
        if group is None:
            return None
        return next((n for n, marks in enumerate(target.marks) if marks.group == group), None)

    def _sync_from(self, source: CompareColumn, index: int) -> None:
        """Line the other columns up with passage `index` of `source`: each
        puts its counterpart (or that of the nearest passage that has one)
        level with it. A counterpart too near the top of its own article to
        come down that far sets the level instead: the source moves up."""
        anchors = []
        for column in self.columns:
            if column is source or not column.display:
                continue
            # The passage itself, else the nearest aligned one after it, else before.
            order = list(range(index, len(source.passages))) + list(range(index - 1, -1, -1))
            for candidate in order:
                target = self._counterpart(source, candidate, column)
                if target is not None:
                    anchors.append((column, candidate, target))
                    break
        if not anchors:
            return
        shift = 0
        for column, candidate, target in anchors:
            if candidate == index:  # only the cursor's own counterparts may move it
                shift = max(shift, source.offset_on_screen(candidate) - column.passage_top(target))
        shift = min(shift, max(0, source.offset_on_screen(index)))  # keep the cursor on screen
        if shift > 0:
            source.scroll_quietly(round(source.scroll_y) + shift)
        for column, candidate, target in anchors:
            column.align_passage(target, source.passage_top(candidate) - (round(source.scroll_y)))

    def _mark_linked(self, source: CompareColumn, index: int) -> None:
        group = self._group(source, index)
        for column in self.columns:
            linked = frozenset(
                n for n, marks in enumerate(column.marks) if group is not None and marks.group == group
            )
            column.set_linked(linked - {index} if column is source else linked)

    def action_toggle_sync(self) -> None:
        self.synced = not self.synced
        self.notify(f"Scrolling {'synchronised by alignment' if self.synced else 'unlocked'}", timeout=2)
        self._update_status()
        focused = self.columns[self._focused_index()] if self.columns else None
        if self.synced and focused is not None:
            self._sync_from(focused, focused.cursor)

    # -- findings --------------------------------------------------------------------

    def _findings(self) -> list[tuple[int, int]]:
        """(column, passage) of every conflict and unique passage, column by column."""
        found = []
        for c, column in enumerate(self.columns):
            for n, (passage, marks) in enumerate(zip(column.passages, column.marks)):
                if marks.conflicts or (marks.group is None and not passage.heading) or marks.facts:
                    found.append((c, n))
        return found

    def _goto_finding(self, step: int) -> None:
        self._show_columns_view()
        findings = self._findings()
        if not findings:
            self.notify("No conflicts or unique passages here", timeout=2)
            return
        c = self._focused_index()
        here = (c, self.columns[c].cursor)
        if step > 0:
            target = next((f for f in findings if f > here), findings[0])
        else:
            target = next((f for f in reversed(findings) if f < here), findings[-1])
        self._focus_column(target[0])
        column = self.columns[target[0]]
        column.set_cursor(target[1], jump=True)
        marks = column.marks[target[1]]
        kind = "Conflict" if marks.conflicts else "Only here" if marks.group is None else "A fact only this outlet gives"
        number = findings.index(target) + 1
        self.finding = f"{kind} ({number} of {len(findings)}, n / N)"
        self.finding_at = target
        self._update_status()

    def action_next_finding(self) -> None:
        self._goto_finding(1)

    def action_previous_finding(self) -> None:
        self._goto_finding(-1)

    # -- views ---------------------------------------------------------------------------

    def _show_columns_view(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if switcher.current != "columns":
            self.action_show_view("columns")

    def action_show_view(self, view: str) -> None:
        switcher = self.query_one(ContentSwitcher)
        switcher.current = view
        self.query_one("#compare-legend").display = view == "columns"
        self.refresh_bindings()
        self._update_status()
        if view == "columns":
            columns = self.columns
            if columns:
                columns[self._focused_index()].focus()
        else:
            self.query_one(f"#{view}").focus()
        titles = {"columns": "side by side", "matrix": "coverage matrix", "quotes": "quote ledger"}
        self.sub_title = f"comparing {len(self.article_ids)} articles · {titles[view]}"

    def action_back(self) -> None:
        """From the matrix or the ledger back to the columns; from the columns, out."""
        if self._view() != "columns":
            self.action_show_view("columns")
        else:
            self.app.pop_screen()

    def action_cycle_view(self) -> None:
        order = ["columns", "matrix", "quotes"]
        current = self.query_one(ContentSwitcher).current or "columns"
        self.action_show_view(order[(order.index(current) + 1) % len(order)])

    def action_open_article(self) -> None:
        columns = self.columns
        if columns and self._view() == "columns":
            column = columns[self._focused_index()]
            passage = column.passages[column.cursor] if column.passages else None
            at = (passage.start, passage.end) if passage else None
            self.app.open_article(column.info.id, at=at)  # type: ignore[attr-defined]

    def _view(self) -> str:
        return self.query_one(ContentSwitcher).current or "columns"

    COLUMN_ACTIONS = frozenset(
        {"next_column", "previous_column", "next_finding", "previous_finding", "toggle_sync", "open_article"}
    )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Column keys only where there are columns (the footer follows)."""
        if action in self.COLUMN_ACTIONS and self.is_mounted and self._view() != "columns":
            return False
        if action == "show_view" and parameters and self.is_mounted and parameters[0] == self._view():
            return False
        return True
