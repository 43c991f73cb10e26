"""No untrusted string is ever parsed as Rich/Textual markup.

A static check over `tui/`: strings built at run time (f-strings, joins,
concatenations, `.format`, a method declared `-> str`), which is how titles,
sources, names and queries get into text, must not reach anything that
parses markup when given a `str`: `Static`/`Label` and `.update`,
`.notify` (unless `markup=False`), tree labels, `Option` prompts, DataTable
rows and columns, `console.print`, border titles, `App.exit(message=)`.
They go through `tui.safe` (or as `Content`/`Text`) instead. Explicit
markup parsing (`from_markup`, `markup=True`) is not allowed at all.

The hostile-corpus tests check the same thing at run time, screen by screen.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

SINK_CALLS = {"Static", "Label", "Option"}
SINK_METHODS = {"update", "notify", "add", "add_leaf", "set_label", "add_row", "add_column", "print", "exit"}
SINK_ATTRIBUTES = {"border_title", "border_subtitle"}
"""(A screen's `title`/`sub_title` are safe: the Header shows them as `Content`.)"""
FORBIDDEN_CALLS = {"from_markup", "render_markup"}


def _is_built_string(node: ast.AST, stringy: set[str], str_methods: set[str]) -> bool:
    """An expression that builds a str at run time (not a literal)."""
    if isinstance(node, ast.JoinedStr):
        return any(isinstance(part, ast.FormattedValue) for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return any(
            isinstance(side, (ast.Constant, ast.JoinedStr)) and not isinstance(getattr(side, "value", ""), (int, float))
            or _is_built_string(side, stringy, str_methods)
            for side in (node.left, node.right)
        )
    if isinstance(node, ast.Name):
        return node.id in stringy
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        if node.func.attr in ("format", "join") and isinstance(node.func.value, ast.Constant):
            return True
        if isinstance(node.func.value, ast.Name) and node.func.value.id == "self" and node.func.attr in str_methods:
            return True
    if isinstance(node, ast.IfExp):
        return _is_built_string(node.body, stringy, str_methods) or _is_built_string(node.orelse, stringy, str_methods)
    return False


def _str_methods(tree: ast.AST) -> set[str]:
    return {
        node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and isinstance(node.returns, ast.Name) and node.returns.id == "str"
        or isinstance(node, ast.FunctionDef) and isinstance(node.returns, ast.Constant) and node.returns.value == "str"
    }


def _stringy_names(function: ast.AST, str_methods: set[str]) -> set[str]:
    """Local names assigned a built string somewhere in the function."""
    stringy: set[str] = set()
    for _ in range(3):  # names built from other such names
        for node in ast.walk(function):
            if isinstance(node, ast.Assign) and _is_built_string(node.value, stringy, str_methods):
                stringy |= {t.id for t in node.targets if isinstance(t, ast.Name)}
            elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):
                if _is_built_string(node.value, stringy, str_methods) or isinstance(node.value, ast.Constant):
                    stringy.add(node.target.id)
    return stringy


def _markup_off(call: ast.Call) -> bool:
    return any(
        k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is False for k in call.keywords
    )


def _problems(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    str_methods = _str_methods(tree)
    where = path.relative_to(ROOT)
    found = []
    functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for function in functions:
        stringy = _stringy_names(function, str_methods)
        for node in ast.walk(function):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if name in FORBIDDEN_CALLS or any(
                    k.arg == "markup" and isinstance(k.value, ast.Constant) and k.value.value is True
                    for k in node.keywords
                ):
                    found.append(f"{where}:{node.lineno} parses markup explicitly")
                    continue
                is_sink = (isinstance(node.func, ast.Name) and name in SINK_CALLS) or (
                    isinstance(node.func, ast.Attribute) and name in SINK_METHODS
                )
                if not is_sink or _markup_off(node):
                    continue
                if name == "exit":  # App.exit(message=...) prints with markup; sys/argparse exit does not
                    arguments = [k.value for k in node.keywords if k.arg == "message"]
                else:
                    arguments = list(node.args) + [k.value for k in node.keywords if k.arg in ("label", "prompt")]
                if any(_is_built_string(arg, stringy, str_methods) for arg in arguments):
                    found.append(f"{where}:{node.lineno} passes a built string to {name}()")
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and target.attr in SINK_ATTRIBUTES:
                        if _is_built_string(node.value, stringy, str_methods):
                            found.append(f"{where}:{node.lineno} sets {target.attr} to a built string")
    return found


def test_no_untrusted_string_reaches_markup_parsing():
    problems = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        if path.name != "safe.py":
            problems += _problems(path)
    assert problems == [], "\n".join(problems)


def test_the_check_catches_the_patterns_it_is_for(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "def f(self, title):\n"
        "    text = f'Moving {title}'\n"
        "    self.status.update(text)\n"
        "    self.notify(f'Removed {title}')\n"
        "    self.notify(f'Removed {title}', markup=False)\n"
        "    console.print('Added ' + title)\n"
        "    self.border_title = f'{title}'\n"
        "    self.sub_title = f'{title}'\n"
        "    Text.from_markup(title)\n"
    )
    import tests.test_safe_rendering as module

    original = module.ROOT
    module.ROOT = tmp_path
    try:
        problems = _problems(sample)
    finally:
        module.ROOT = original
    assert sorted(p.split(" ", 1)[0] for p in problems) == ["sample.py:3", "sample.py:4", "sample.py:6", "sample.py:7", "sample.py:9"]
