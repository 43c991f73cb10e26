"""The side files' shared set-up (index/sidestore.py): versions, writes in
one transaction, damage set aside, newer files left alone."""

from __future__ import annotations

import sqlite3

import pytest

from index import sidestore
from index.dupes import connection as dupes_file
from index.names_store import connection as names_file
from index.sidestore import NewerFile, SideFile, is_damage

KIND = SideFile("things.sqlite3", 2, ("CREATE TABLE IF NOT EXISTS things (x INTEGER)",), drop_on_upgrade=("things",))


def write(directory, value: int) -> None:
    connection = sidestore.connect(KIND.path(directory))
    try:
        with sidestore.writing(connection, KIND.ensure_schema):
            connection.execute("INSERT INTO things VALUES (?)", (value,))
    finally:
        connection.close()


def things(directory) -> list[int]:
    with sqlite3.connect(KIND.path(directory)) as connection:
        return [row[0] for row in connection.execute("SELECT x FROM things")]


def test_a_write_is_one_transaction(tmp_path):
    write(tmp_path, 1)
    connection = sidestore.connect(KIND.path(tmp_path))
    with pytest.raises(RuntimeError):
        with sidestore.writing(connection, KIND.ensure_schema):
            connection.execute("INSERT INTO things VALUES (2)")
            raise RuntimeError("cut short")
    connection.close()
    assert things(tmp_path) == [1]


def test_an_older_file_is_made_again_and_a_newer_one_left_alone(tmp_path):
    with sqlite3.connect(KIND.path(tmp_path)) as connection:
        connection.execute("CREATE TABLE things (x INTEGER, old TEXT)")
        connection.execute("INSERT INTO things VALUES (7, 'old')")
        connection.execute("PRAGMA user_version = 1")
    write(tmp_path, 1)
    assert things(tmp_path) == [1]
    with sqlite3.connect(KIND.path(tmp_path)) as connection:
        connection.execute("PRAGMA user_version = 3")
    with pytest.raises(NewerFile) as raised:
        write(tmp_path, 2)
    assert not is_damage(raised.value)
    assert things(tmp_path) == [1]


def test_a_damaged_file_is_set_aside_with_its_journal(tmp_path):
    path = KIND.path(tmp_path)
    path.write_bytes(b"not a database at all" * 100)
    path.with_name(path.name + "-journal").write_bytes(b"x")
    with pytest.raises(sqlite3.DatabaseError) as raised:
        write(tmp_path, 1)
    assert is_damage(raised.value)
    aside = KIND.set_aside(tmp_path)
    assert aside is not None and aside.name.startswith("things.sqlite3.damaged-")
    assert not path.exists() and not path.with_name(path.name + "-journal").exists()
    write(tmp_path, 1)
    assert things(tmp_path) == [1]


def test_busy_or_full_is_not_damage():
    assert not is_damage(sqlite3.OperationalError("database is locked"))
    assert not is_damage(sqlite3.OperationalError("database or disk is full"))
    assert is_damage(sqlite3.DatabaseError("database disk image is malformed"))


def test_both_side_files_use_it():
    assert names_file.NAMES.name == "names.sqlite3" and dupes_file.DUPES.name == "dupes.sqlite3"
    assert names_file.NewerFile is NewerFile
    assert dupes_file.is_damage is is_damage
