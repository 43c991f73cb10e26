"""`add` never aborts a run for one file: every hostile thing the filesystem
can hold becomes one `Failure` with a reason, and the good files of the same
run are still read."""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from index.article import Article
from index.ingest import (
    Failure,
    UnreadableInput,
    decode_bytes,
    iter_article_paths,
    parse_article_text,
    read_article_file,
    read_articles,
    read_capped,
)
from index.ingest.limits import TEXT_CAP, cut_note
from index.ingest.reading import READ_CAP

from .conftest import file_id, write_article


def two_good(directory: Path) -> None:
    write_article(directory, "good-a.txt", "Harbour strike ends", "Dockers voted to accept the offer.")
    write_article(directory, "good-b.txt", "Council passes budget", "The vote was close.")


def bounded(function: Callable[[], list], seconds: float = 10.0) -> list:
    """Run `function` in a thread and fail (instead of hanging) if it blocks."""
    result: list = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.extend(function())
        except BaseException as error:  # handed to the test's thread
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s: ingest blocked"
    if errors:
        raise errors[0]
    return result


def split(results: list) -> tuple[list[str], dict[str, str]]:
    """(titles of the articles read, {file name: failure reason})."""
    titles = sorted(r.title for r in results if isinstance(r, Article))
    failures = {Path(r.path).name: r.reason for r in results if isinstance(r, Failure)}
    assert len(titles) + len(failures) == len(results)
    return titles, failures


GOOD = ["Council passes budget", "Harbour strike ends"]


# -- the probe's repros -------------------------------------------------------------


def test_a_thousand_nested_directories_are_walked_without_recursion(tmp_path):
    two_good(tmp_path)
    deep = tmp_path
    for _ in range(1000):  # not mkdir(parents=True): that recurses too
        deep = deep / "d"
        deep.mkdir()
    write_article(deep, "bottom.txt", "Found at the bottom", "A thousand levels down.")
    try:
        titles, failures = split(list(read_articles([tmp_path])))
    finally:
        # Bottom up, since shutil.rmtree (and so pytest's clean-up) recurses.
        (deep / "bottom.txt").unlink()
        while deep != tmp_path:
            deep.rmdir()
            deep = deep.parent
    assert titles == ["Council passes budget", "Found at the bottom", "Harbour strike ends"]
    assert failures == {}


@pytest.mark.parametrize("value", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00"])
def test_out_of_range_dates_are_dropped_and_the_article_kept(tmp_path, value):
    two_good(tmp_path)
    write_article(tmp_path, "dated.txt", "An oddly dated report", "The body is fine.", published=value)
    results = list(read_articles([tmp_path]))
    titles, failures = split(results)
    assert titles == sorted([*GOOD, "An oddly dated report"]) and failures == {}
    dated = next(r for r in results if r.title == "An oddly dated report")
    assert dated.published is None


def test_out_of_range_dated_articles_are_added_to_a_library(tmp_path, library):
    write_article(tmp_path, "early.txt", "A report from year one", "Body.", published="0001-01-01T00:00:00+05:00")
    write_article(tmp_path, "late.txt", "A report from the far future", "Body.", published="9999-12-31T23:00:00-05:00")
    write_article(tmp_path, "edge.txt", "A report dated at the very end", "Body.", published="9999-12-31")
    report = library.add_paths([tmp_path])
    assert report.failed == [] and len(report.added) == 3
    assert library.resolve("report-dated-very-end").published.year == 9999  # by slug
    assert library.resolve(file_id(tmp_path / "early.txt")).published is None


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_symlinks_to_endless_devices_are_skipped(tmp_path, device):
    two_good(tmp_path)
    (tmp_path / "endless.txt").symlink_to(device)
    titles, failures = split(bounded(lambda: list(read_articles([tmp_path]))))
    assert titles == GOOD
    assert "is a device, not a regular file" in failures["endless.txt"]
    # Named directly, or reached past the walk, it is still never read.
    with pytest.raises(UnreadableInput, match="device"):
        read_article_file(tmp_path / "endless.txt")
    assert "device" in list(read_articles([tmp_path / "endless.txt"]))[0].reason


def test_a_fifo_is_skipped_without_blocking(tmp_path):
    two_good(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    try:
        titles, failures = split(bounded(lambda: list(read_articles([tmp_path])), seconds=5))
        assert titles == GOOD
        assert "named pipe (FIFO)" in failures["pipe.txt"]
        with pytest.raises(UnreadableInput, match="FIFO"):
            bounded(lambda: [read_article_file(fifo)], seconds=5)
    finally:
        # Release a reader stuck in open() if the test failed, so the run ends.
        try:
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        except OSError:
            pass


def test_a_socket_is_skipped(tmp_path):
    import socket

    two_good(tmp_path)
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.txt"))
        titles, failures = split(bounded(lambda: list(read_articles([tmp_path]))))
    finally:
        server.close()
    assert titles == GOOD
    assert "is a socket" in failures["sock.txt"]


def test_an_unreadable_directory_is_reported(tmp_path, monkeypatch):
    two_good(tmp_path)
    locked = tmp_path / "locked"
    write_article(locked, "secret.txt", "Never read", "Body.")
    real_scandir = os.scandir

    def scandir(path):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    # We run as root, which reads a chmod 000 directory anyway: simulate it.
    monkeypatch.setattr(os, "scandir", scandir)
    titles, failures = split(list(read_articles([tmp_path])))
    assert titles == GOOD
    assert failures == {"locked": "is a directory that cannot be read (permission denied); check its permissions"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a chmod 000 directory")
def test_a_chmod_000_directory_is_reported(tmp_path):
    two_good(tmp_path)
    locked = tmp_path / "locked"
    write_article(locked, "secret.txt", "Never read", "Body.")
    locked.chmod(0)
    try:
        titles, failures = split(list(read_articles([tmp_path])))
    finally:
        locked.chmod(0o755)
    assert titles == GOOD
    assert "permission denied" in failures["locked"]


def test_a_listing_that_fails_midway_keeps_what_was_listed(tmp_path, monkeypatch):
    two_good(tmp_path)
    real_scandir = os.scandir

    class Failing:
        """A listing that yields one entry, then fails as a dying disk would."""

        def __init__(self, path):
            self.inner = real_scandir(path)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.inner.close()

        def __iter__(self):
            for entry in self.inner:
                if entry.name == "good-a.txt":
                    yield entry
            raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "scandir", Failing)
    titles, failures = split(list(read_articles([tmp_path])))
    assert titles == ["Harbour strike ends"]
    assert failures == {tmp_path.name: "is a directory that cannot be read (Input/output error); check the file"}


def test_an_unreadable_file_is_reported(tmp_path, monkeypatch):
    two_good(tmp_path)
    write_article(tmp_path, "locked.txt", "Never read", "Body.")
    real_open = os.open

    def open_(path, flags, *args):
        if Path(path).name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", open_)  # root reads a chmod 000 file anyway
    titles, failures = split(list(read_articles([tmp_path])))
    assert titles == GOOD
    assert failures == {"locked.txt": "cannot be read (permission denied); check its permissions"}


def test_an_unexpected_error_in_one_file_is_its_failure(tmp_path, monkeypatch):
    import index.ingest.files as files

    two_good(tmp_path)
    write_article(tmp_path, "strange.txt", "Strange", "Body.")
    real_parse = files.parse_article_text

    def parse(text, **kwargs):
        if kwargs["stem"] == "strange":
            raise KeyError("parser bug")
        return real_parse(text, **kwargs)

    monkeypatch.setattr(files, "parse_article_text", parse)
    titles, failures = split(list(read_articles([tmp_path])))
    assert titles == GOOD
    assert failures["strange.txt"].startswith("could not be read (KeyError: 'parser bug')")
    with pytest.raises(UnreadableInput, match="not a valid path"):
        read_article_file(tmp_path / "nul\x00.txt")


def test_symlink_loops_are_reported(tmp_path):
    two_good(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path)  # to an ancestor
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")  # to itself: ELOOP
    titles, failures = split(bounded(lambda: list(read_articles([tmp_path]))))
    assert titles == GOOD
    assert "symbolic link loop" in failures["back"]
    assert "symbolic link loop" in failures["self.txt"]


def test_a_symlinked_directory_is_followed_once(tmp_path):
    library_of_files = tmp_path / "files"
    two_good(library_of_files)
    elsewhere = tmp_path / "elsewhere"
    write_article(elsewhere, "linked.txt", "Reached through a link", "Body.")
    (library_of_files / "link-out").symlink_to(elsewhere)
    (library_of_files / "link-again").symlink_to(elsewhere)  # a second way in
    (library_of_files / "z-self").symlink_to(library_of_files)  # the root itself
    paths = list(iter_article_paths([library_of_files]))
    names = sorted(p.name for p in paths if isinstance(p, Path))
    assert names == ["good-a.txt", "good-b.txt", "linked.txt"]
    failures = [p for p in paths if isinstance(p, Failure)]
    assert [Path(f.path).name for f in failures] == ["z-self"]


def test_a_broken_link_and_a_vanished_file_are_reported(tmp_path):
    two_good(tmp_path)
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    write_article(tmp_path, "zz-vanishing.txt", "Deleted mid-run", "Body.")
    results: list = []
    for item in read_articles([tmp_path]):
        results.append(item)
        if len(results) == 1:  # the walk has listed the directory already
            (tmp_path / "zz-vanishing.txt").unlink()
    titles, failures = split(results)
    assert titles == GOOD
    assert "broken symbolic link" in failures["broken.txt"]
    assert "does not exist" in failures["zz-vanishing.txt"]


def test_a_name_too_long_and_odd_top_level_paths_are_failures(tmp_path):
    two_good(tmp_path)
    fifo = tmp_path / "named.txt"
    os.mkfifo(fifo)
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    named = [tmp_path / ("x" * 300 + ".txt"), fifo, tmp_path / "loop", tmp_path / "good-a.txt"]
    results = bounded(lambda: list(read_articles(named)), seconds=5)
    assert "too long" in results[0].reason
    assert "named pipe" in results[1].reason
    assert "symbolic link loop" in results[2].reason
    assert results[3].title == "Harbour strike ends"


def test_the_walk_never_raises(tmp_path, monkeypatch):
    two_good(tmp_path)

    def stat(*args, **kwargs):
        raise RuntimeError("filesystem driver bug")

    monkeypatch.setattr(os, "stat", stat)
    results = list(iter_article_paths([tmp_path / "a", tmp_path / "b"]))
    assert [Path(r.path).name for r in results] == ["a", "b"]
    assert all("could not be walked (RuntimeError: filesystem driver bug)" in r.reason for r in results)


# -- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_text(tmp_path, encoding):
    text = "Café workers strike\n\nThe café’s staff walked out on Monday – all of them.\n"
    assert decode_bytes(text.encode(encoding)).text == text
    assert decode_bytes(text.encode(encoding)).encoding == encoding
    two_good(tmp_path)
    (tmp_path / "wide.txt").write_bytes(text.encode(encoding))
    results = list(read_articles([tmp_path]))
    titles, failures = split(results)
    assert titles == sorted([*GOOD, "Café workers strike"]) and failures == {}


def test_binary_with_nul_bytes_is_still_binary():
    with pytest.raises(UnreadableInput, match="binary"):
        decode_bytes(bytes(range(256)) * 8)
    with pytest.raises(UnreadableInput, match="binary"):
        decode_bytes(b"\x01\x00\x02\x00\x03\x00\x04\x00" * 100)  # NUL pattern, but controls


# -- the size cap -----------------------------------------------------------------------


def big_body(characters: int) -> str:
    paragraph = "Talks on the harbour dispute continued for another day, officials said. " * 4
    count = characters // (len(paragraph) + 2) + 1
    return "\n\n".join(f"{i} {paragraph.strip()}" for i in range(count))


def test_a_huge_article_is_cut_at_a_paragraph_with_a_note(tmp_path):
    path = write_article(tmp_path, "huge.md", "# The endless report", big_body(TEXT_CAP * 3))
    size = path.stat().st_size
    assert size < READ_CAP  # read whole, cut as text
    article = read_article_file(path)
    paragraphs = article.body.split("\n\n")
    assert paragraphs[-1] == cut_note(size)
    assert paragraphs[-1].startswith(f"(Article cut here: newsreader keeps the first {TEXT_CAP:,} characters")
    assert paragraphs[-1].endswith(f"the original was {round(size / 1000):,} KB.)")
    assert len(article.body) <= TEXT_CAP + 200
    assert paragraphs[-2].endswith("officials said.")  # a whole paragraph, not half of one
    assert article.title == "The endless report"


def test_a_file_past_the_read_cap_is_read_only_in_part(tmp_path):
    # Multi-byte characters, so the byte cap lands inside one: still UTF-8.
    body = big_body(2 * READ_CAP).replace("harbour", "härbour")
    path = write_article(tmp_path, "giant.txt", "Gigantic dump", body)
    assert path.stat().st_size > READ_CAP
    article = read_article_file(path)
    assert "härbour" in article.body and "\ufffd" not in article.body
    size = path.stat().st_size
    assert article.body.endswith(f"\n\n{cut_note(size)}")
    assert cut_note(size).endswith(f"the original was {size / 1_000_000:.1f} MB.)")
    assert len(article.body) <= TEXT_CAP + 200


def test_text_under_the_cap_is_untouched():
    body = big_body(TEXT_CAP // 2)
    article = parse_article_text("A long but fine report\n\n" + body, article_id="x")
    assert "Article cut here" not in article.body
    assert article.body == "\n".join(line for line in body.split("\n") if line).replace("\n", "\n\n")


def test_read_capped_reads_no_more_than_the_cap(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789" * 10)
    start = read_capped(path, cap=25)
    assert (start.data, start.size, start.complete) == (b"0123456789" * 2 + b"01234", 100, False)
    whole = read_capped(path, cap=100)
    assert (len(whole.data), whole.size, whole.complete) == (100, 100, True)
    with pytest.raises(UnreadableInput, match="device"):
        bounded(lambda: [read_capped(Path("/dev/zero"))])
