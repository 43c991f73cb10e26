"""Reads from many threads at once: each thread has its own searcher, so no
read is torn (a shared Whoosh searcher seeks then reads its files, and two
threads tear each other's reads), and searchers of ended threads are reused."""

from __future__ import annotations

import threading

from index.api import Library


def _read_everything(library: Library, query: str, errors: list[str], rounds: int = 60) -> None:
    for _ in range(rounds):
        try:
            results = library.search(query, limit=50, snippets=5)
            for hit in results.hits:
                article = library.get(hit.id)
                assert article is not None and article.title
            library.count()
        except Exception as error:  # collected: the assertion below names them
            errors.append(repr(error))


def test_threads_reading_at_once_never_tear_a_read(library_dir) -> None:
    library = Library.open(library_dir)
    errors: list[str] = []
    queries = ["russia", "taliban government", '"human rights"', "kabul", "recognition OR embassy"]
    threads = [threading.Thread(target=_read_everything, args=(library, q, errors)) for q in queries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    library.close()
    assert errors == []


def test_searchers_of_ended_threads_are_reused(library_dir) -> None:
    library = Library.open(library_dir)
    opened: list[object] = []
    searchers = library._core._searchers
    real_open = searchers._open

    def counting_open():
        searcher = real_open()
        opened.append(searcher)
        return searcher

    searchers._open = counting_open
    for _ in range(10):  # like the app's workers: one short-lived thread after another
        thread = threading.Thread(target=library.count)
        thread.start()
        thread.join()
    library.close()
    assert len(opened) == 1
