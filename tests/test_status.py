"""Status lines break between parts, never inside one, and leave out the least important."""

from __future__ import annotations

from tui.status import fit_status, status_lines

PARTS = ["columns 1–2 of 5 (←/→)", "scrolling locked", "14 aligned passages", "3 unique passages",
         "5 shared quotes", "1 conflict"]  # fmt: skip


def test_lines_break_between_parts():
    lines = status_lines(PARTS, 76)
    assert lines == ["columns 1–2 of 5 (←/→)  ·  scrolling locked  ·  14 aligned passages",
                     "3 unique passages  ·  5 shared quotes  ·  1 conflict"]  # fmt: skip
    assert all(len(line) <= 76 for line in lines)


def test_the_least_important_parts_are_left_out_whole():
    finding = "1 of 18: Dates differ: April this year vs April 2024"
    text = fit_status([finding, *PARTS], 60)
    lines = text.split("\n")
    assert len(lines) == 2 and all(len(line) <= 60 for line in lines)
    pieces = [piece for line in lines for piece in line.split("  ·  ")]
    assert pieces == [finding, *PARTS[: len(pieces) - 1]]  # whole parts, the first ones kept


def test_the_first_part_stays_even_when_it_alone_is_too_long():
    long = "word " * 40
    assert fit_status([long.strip(), "other"], 30) == long.strip()


def test_everything_on_one_line_when_there_is_room():
    assert fit_status(PARTS, 200) == "  ·  ".join(PARTS)


def test_a_long_part_is_cut_at_a_word_to_its_lines():
    from tui.status import shorten_to_lines, wrapped_lines

    text = "Dates differ: April this year (Russia Pioneers…, Russia becomes first…) vs April 2024 " * 3
    short = shorten_to_lines(text, 40, 2)
    assert wrapped_lines(short, 40) <= 2 and short.endswith("…")
    assert text.startswith(short[:-1])  # whole words, in order
    assert shorten_to_lines("Short enough", 40, 2) == "Short enough"
