"""One line per story (and per article under it) in the stories list.

`3–5 Jul 2025  Trump announces deal to end the shutdown…   fox, nyt, hpo · 3`:
dates in a column, the title cut to fit at a word, the outlets and count at
the right edge. Titles and outlets are untrusted: built into `Text`, never
markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from ..safe import one_line

if TYPE_CHECKING:
    from index.api import StoryMember, StoryRecord

DATE_WIDTH = 17
"""The widest date column: `30 Jun–2 Jul 2025`."""
NARROW_DATE_WIDTH = 14
"""... on a narrow list: `19–22 Jan 2019`; a longer range shows its end, `…2 Jul 2025`."""
GAP = "  "


def fit(text: str, width: int) -> str:
    """`text` in at most `width` cells, cut at a word with `…` (mid-word only
    when a single word is too long)."""
    if width <= 0:
        return ""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    if " " in cut and cut.rfind(" ") > width // 2:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:·-") + "…"


def outlet_names(outlets: tuple[str, ...] | list[str], width: int) -> str:
    """`fox, nyt, hpo`, or as many as fit and `+N`: `fox, nyt +3`."""
    names = [one_line(name) for name in outlets]
    for shown in range(len(names), 0, -1):
        hidden = len(names) - shown
        text = ", ".join(names[:shown]) + (f" +{hidden}" if hidden else "")
        if len(text) <= width:
            return text
    if not names:
        return ""
    more = f" +{len(names) - 1}" if len(names) > 1 else ""
    return fit(names[0], width - len(more)) + more


def date_width(dates: list[str], width: int) -> int:
    widest = DATE_WIDTH if width >= 100 else NARROW_DATE_WIDTH
    return min(widest, max((len(d) for d in dates), default=0))


def date_cell(dates: str, width: int) -> str:
    """The dates in `width` cells: a range too long keeps its end (with its year)."""
    if len(dates) <= width:
        return dates.ljust(width)
    end = dates.rsplit("–", 1)[-1]
    return ("…" + end if len(end) < width else end[:width]).ljust(width)


def row(dates: str, dates_width: int, title: str, full: str, width: int, *, strong: bool, short: str = "") -> Text:
    """Dates, the title filling the line, and `full` flush with the right edge
    (`short` instead where the title would get under 12 cells, else nothing)."""
    right = ""
    for candidate in (fit(full, right_budget(one_line(title), width, dates_width)), short):
        title_width = width - dates_width - len(GAP) * (1 + bool(dates_width)) - len(candidate)
        if candidate and title_width >= 12:
            right = candidate
            break
    if not right:
        title_width = width - dates_width - (len(GAP) if dates_width else 0)
    text = Text(no_wrap=True, overflow="ellipsis")
    if dates_width:
        text.append(date_cell(dates, dates_width), style="dim")
        text.append(GAP)
    text.append(fit(one_line(title), title_width).ljust(title_width if right else 0), style="bold" if strong else "")
    if right:
        text.append(GAP)
        text.append(right, style="dim")
    return text


def right_budget(title: str, width: int, dates_width: int) -> int:
    """The outlets get a third of the line, or whatever a short title leaves."""
    return max(width // 3, width - dates_width - len(GAP) * 2 - len(title))


def story_row(record: StoryRecord, width: int, dates_width: int) -> Text:
    count = record.count
    budget = right_budget(one_line(record.title), width, dates_width)
    right = f"{outlet_names(record.outlets, budget - len(f' · {count}'))} · {count}"
    return row(record.short_dates, dates_width, record.title, right, width, strong=len(record.outlets) > 1,
               short=f"· {count}")


def article_row(member: StoryMember, width: int, dates_width: int) -> Text:
    return row(member.date, dates_width, member.title, one_line(member.outlet), width, strong=False)
