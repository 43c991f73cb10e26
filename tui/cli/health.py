"""`newsreader check` and `newsreader repair`: a library's health, for people and scripts."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from rich.text import Text

from index.api import check_library, library_directory, repair_library

from ..wording import plural
from .errors import EXIT_ERROR, EXIT_OK, CommandError
from .output import console, errors, line

if TYPE_CHECKING:
    from index.api import CheckReport, RepairReport


def _existing_library(args: argparse.Namespace):
    directory = library_directory(args.library)
    if not (directory / "index").is_dir():
        raise CommandError(f"no library at {directory}; give one with --library DIR")
    return directory


def cmd_check(args: argparse.Namespace) -> int:
    """Exit 0 when healthy, 1 when something is damaged (and says to repair)."""
    report = check_library(_existing_library(args))
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_check(report)
    return EXIT_OK if report.ok else EXIT_ERROR


def print_check(report: CheckReport) -> None:
    where = line(report.directory)
    if report.ok:
        console.print(Text.assemble("Library ", where, f" is healthy: {report.articles} articles checked "
                                    f"in {report.seconds:.1f} s."), soft_wrap=True)
        return
    count = len(report.problems)
    console.print(Text.assemble("Library ", where, f" has {count} problem{'s' if count != 1 else ''}:"),
                  soft_wrap=True)
    for problem in report.problems[:40]:
        console.print(Text.assemble("  ", line(problem, "red")), soft_wrap=True)
    if count > 40:
        console.print(Text(f"  … and {count - 40} more (`newsreader check --json` lists them all)"))
    console.print("Run `newsreader repair` to rebuild what is damaged from what survives.")


def cmd_repair(args: argparse.Namespace) -> int:
    directory = _existing_library(args)
    report = repair_library(directory, None if args.json else _progress)
    if args.json:
        sys.stdout.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")
    else:
        print_repair(report)
    return EXIT_OK


def _progress(stage: str, done: int, total: int) -> None:
    if errors.is_terminal:
        errors.print(Text(f"{stage.capitalize()} {done}/{total}…"), end="\r")


def print_repair(report: RepairReport) -> None:
    if not report.needed:
        console.print(Text.assemble("Library ", line(report.directory), " is healthy; nothing to repair."),
                      soft_wrap=True)
        return
    console.print(Text.assemble("Repaired ", line(report.directory), f" in {report.seconds:.1f} s:"), soft_wrap=True)
    for action in report.actions:
        console.print(Text.assemble("  ", line(action)), soft_wrap=True)
    for article in report.lost:
        console.print(Text.assemble("  lost ", line(article, "red")), soft_wrap=True)
    if report.unknown_lost:
        console.print(Text(f"  {plural(report.unknown_lost, 'more article')} could not be recovered or named", style="red"))
    for correction in report.corrections_lost:
        console.print(Text.assemble("  story correction not kept: ", line(correction, "yellow")), soft_wrap=True)
    if report.set_aside:
        console.print(Text.assemble("The damaged files are kept in ", line(report.set_aside), "."), soft_wrap=True)
