"""Where a build's raw articles come from: a listing made in one process, read anywhere.

A :class:`Source` splits ingest in two. ``listing`` runs once, in the process that builds
(the corpus-level part: joining files with their metadata, finding orphans); it yields small
Arrow tables of work, each row numbered by its position ``pos`` in the source. ``read`` turns
one such table into articles and per-row problems; it is a pure function of the table and
the files, so the local build calls it in the same process and the Ray build in the workers.
Both orders their problems by position, so a report is the same on every engine.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from .errors import Problem
from .ingest import Listed, RawArticle, list_seeds, read_listed
from .paths import StrPath, as_path

if TYPE_CHECKING:
    import pyarrow as pa

T = TypeVar("T")
Read = tuple[int, RawArticle | None, list[Problem]]
"""One row of a source, read: its position, the article (``None`` if unusable), its problems."""


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to *size* consecutive items.

    >>> list(batches(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Source(Protocol):
    """Raw articles for a build, listed in one process and read in any."""

    @property
    def in_id_order(self) -> bool:
        """Whether the listing's rows come in ascending id order (else an engine sorts them)."""
        ...  # pragma: no cover - protocol

    def listing(self, problems: list[Problem]) -> Iterator[pa.Table]:
        """Tables of work with a ``pos`` column, in source order; corpus-level problems go to *problems*.

        A problem appended before a table is yielded comes before that table's rows in the report.
        """
        ...  # pragma: no cover - protocol

    def read(self, task: pa.Table) -> list[Read]:
        """The rows of one table of work, read and checked."""
        ...  # pragma: no cover - protocol


@dataclass(frozen=True)
class SeedsFolder:
    """A ``seeds/`` folder: ``*.txt`` files and their ``metadata.json``.

    On a cluster the folder must be readable at the same path on every node.
    """

    path: Path
    today: dt.date | None = None
    rows_per_task: int = 256
    """Files per task: a task reads and processes them (about a second of work per core)."""
    in_id_order: bool = True
    """Files are listed by id (their name without ``.txt``)."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", Path(os.fspath(self.path)))  # a str or any os.PathLike

    def listing(self, problems: list[Problem]) -> Iterator[pa.Table]:
        """The files in id order, joined with their metadata entries."""
        import pyarrow as pa

        pos = 0
        for chunk in batches(list_seeds(self.path, problems, today=self.today), self.rows_per_task):
            yield pa.table(
                {
                    "pos": pa.array(range(pos, pos + len(chunk)), pa.int64()),
                    "name": pa.array([item.name for item in chunk], pa.binary()),
                    "described": pa.array([item.described for item in chunk], pa.bool_()),
                    "entry": pa.array([item.entry for item in chunk], pa.string()),
                    "usable": pa.array([item.usable for item in chunk], pa.bool_()),
                }
            )
            pos += len(chunk)

    def read(self, task: pa.Table) -> list[Read]:
        """Read and check each listed file."""
        out: list[Read] = []
        for row in task.to_pylist():
            item = Listed(row["name"], row["described"], row["entry"], row["usable"])
            article, found = read_listed(self.path, item)
            out.append((row["pos"], article, found))
        return out


def open_source(seeds: StrPath | Source, today: dt.date | None = None) -> Source:
    """The source a build reads: a seeds folder, a collection file (by its suffix), or *seeds* itself.

    >>> open_source("seeds").__class__.__name__, open_source("berita.csv").__class__.__name__
    ('SeedsFolder', 'CollectionSource')
    """
    if not isinstance(seeds, str | os.PathLike):
        return seeds
    path = as_path(seeds, "seeds")
    from .collection import CollectionSource, collection_format

    if collection_format(path) is not None:
        return CollectionSource(path.resolve(), today=today)
    return SeedsFolder(path.resolve(), today)


def iter_source(source: Source, problems: list[Problem]) -> Iterator[RawArticle]:
    """The usable articles of *source* in source order, read in this process; problems in report order."""
    for task in source.listing(problems):
        for _, article, found in source.read(task):
            problems += found
            if article is not None:
                yield article
