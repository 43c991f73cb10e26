"""Content stems: the remembered words give what working each out gives."""

from __future__ import annotations

import index.content_words as content_words
from index.content_words import STOP, _stem, content_stems, words

TEXT = (
    "The Prime Minister’s spokesman said on Tuesday that talks with the unions’ leaders had stalled; "
    "2,400 jobs are at risk. Ministers' statements, the U.S. and A-level results: it's 3 o'clock. "
    "Rising prices rose; the minister's aides were rising early."
)


def _worked_out(text: str) -> list[str]:
    out = []
    for _, _, word in words(text):
        lower = word.lower().replace("’", "'").removesuffix("'s")
        if lower in STOP or len(lower) < 2 or lower[0].isdigit():
            continue
        out.append(_stem(lower))
    return out


def test_content_stems_are_the_words_worked_out_one_by_one():
    assert content_stems(TEXT) == _worked_out(TEXT)
    assert content_stems(TEXT) == content_stems(TEXT)  # the second time from memory
    assert "minist" in content_stems(TEXT) and "said" not in content_stems(TEXT)


def test_the_remembered_words_stay_bounded(monkeypatch):
    monkeypatch.setattr(content_words, "MAX_REMEMBERED", 5)
    content_words._content_stem.clear()
    assert content_stems(TEXT) == _worked_out(TEXT)
    assert len(content_words._content_stem) <= 5
