"""Scratch tables on disk for the state of a build that grows with the corpus.

A build must remember a little about every article beyond the batch in flight: the
metadata to join with the files, the file listing to sort, the keys that find duplicates.
SQLite's private temporary database keeps those rows in a small page cache and spills the
rest to an anonymous file that is deleted when the connection closes, so memory stays flat
in the number of articles.
"""

from __future__ import annotations

import sqlite3

CACHE_KIB = 2048
"""Page cache per scratch database; beyond it SQLite spills to its temporary file."""


def connect(schema: str) -> sqlite3.Connection:
    """A new private scratch database with the tables of *schema* (SQL statements).

    >>> db = connect("CREATE TABLE t (x INTEGER)")
    >>> db.execute("INSERT INTO t VALUES (1)").rowcount
    1
    >>> db.close()
    """
    db = sqlite3.connect("", isolation_level=None)  # "" = temporary, on disk, deleted on close
    db.executescript(
        f"PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;"
        f" PRAGMA cache_size = -{CACHE_KIB}; BEGIN; {schema}; COMMIT;"
    )
    db.execute("BEGIN")  # one transaction: nothing here needs to survive a crash
    return db
