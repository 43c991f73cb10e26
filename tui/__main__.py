"""`python -m tui` runs the same command as `newsreader`."""

from .cli import entry_point

entry_point()
