"""Write the README's key tables from tui/help.md (the key map).

    python scripts/readme_keys.py          # rewrite README.md between its key markers
    python scripts/readme_keys.py --check  # exit 1 if README.md is out of date

Only the text between `<!-- keys:start -->` and `<!-- keys:end -->` changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.help_keys import with_readme_keys  # noqa: E402

README = ROOT / "README.md"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if README.md differs")
    args = parser.parse_args()
    readme = README.read_text(encoding="utf-8")
    updated = with_readme_keys(readme)
    if updated == readme:
        print("README.md's key tables match tui/help.md")
        return 0
    if args.check:
        print("README.md's key tables differ from tui/help.md: run python scripts/readme_keys.py", file=sys.stderr)
        return 1
    README.write_text(updated, encoding="utf-8")
    print("README.md's key tables rewritten from tui/help.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
