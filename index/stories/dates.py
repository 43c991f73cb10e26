"""Dates as the stories list writes them: `3 Jul 2025`, `3–5 Jul 2025`."""

from __future__ import annotations

from datetime import date

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""English month names whatever the locale (strftime's %b follows it)."""


def day_text(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def date_range(first: date | None, last: date | None, *, short: bool = False) -> str:
    """`3 Jul 2025`, `3–5 Jul 2025`, `30 Jun–2 Jul 2025`, `30 Dec 2024–2 Jan 2025`
    (`short`: `30 Dec–2 Jan 2025`); '' when undated."""
    if first is None or last is None:
        return ""
    end = day_text(last)
    if first == last:
        return end
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{end}"
    if first.year == last.year or short:
        return f"{first.day} {MONTHS[first.month - 1]}–{end}"
    return f"{day_text(first)}–{end}"
