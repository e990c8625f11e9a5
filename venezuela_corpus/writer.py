"""The one writer of a snapshot: its data file, then its manifest, moved into place atomically.

Every engine (local, processes, Ray) and every script that makes a snapshot writes it here, so
two snapshots of the same rows are the same bytes however they were made.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Iterable, Mapping
from importlib.metadata import version as dist_version
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__, langid
from .atomic import atomic_path, write_errors
from .errors import Problem
from .fingerprint import Fingerprinter
from .locks import DEFAULT_TIMEOUT
from .rules import RULES, RULESET_VERSION
from .schema import FIELD_NAMES, arrow_schema, schema_spec
from .store import DATA_FILE, PARQUET_OPTIONS, Manifest, build_lock, commit, file_entry, temp_folder

if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

ROW_GROUP_ROWS = 2048
"""Rows per Parquet row group (a multiple of ``pipeline.BATCH_SIZE``): few groups, a small footer."""


def tool_versions() -> dict[str, str]:
    """Versions of everything that shaped the snapshot's bytes and text."""
    return {
        "venezuela_corpus": __version__,
        "ftfy": dist_version("ftfy"),
        "pyarrow": dist_version("pyarrow"),
        **langid.versions(),
    }


def rule_table() -> list[dict[str, str]]:
    """The cleaning rules as a manifest records them: name, where it applies, what it does."""
    return [{"name": r.name, "where": r.where.value, "action": r.action.value} for r in RULES]


class SnapshotWriter:
    """Writes snapshot *version* into *root*: under *root*'s lock, in a temporary folder.

    Takes Arrow tables of corpus rows in ascending id order, in batches of any size, and
    writes row groups of exactly ``ROW_GROUP_ROWS`` rows (the bytes do not depend on the
    batching); :meth:`commit` adds the manifest and moves the folder into place. Leaving the
    block without a commit leaves nothing behind.
    """

    def __init__(self, root: Path, version: str, *, lock_timeout: float = DEFAULT_TIMEOUT) -> None:
        self.root, self.version, self.lock_timeout = root, version, lock_timeout
        self.schema = arrow_schema()
        self.rows = 0
        self._fingerprint = Fingerprinter(FIELD_NAMES)
        self._group: list[pa.Table] = []
        self._buffered = 0
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> SnapshotWriter:
        import pyarrow.parquet as pq

        with contextlib.ExitStack() as stack:
            stack.enter_context(build_lock(self.root, self.lock_timeout))
            self._tmp = temp_folder(self.root, self.version)
            stack.callback(shutil.rmtree, self._tmp, ignore_errors=True)
            self._data = stack.enter_context(contextlib.ExitStack())  # the data file, closed by commit()
            self.data = data = self._data.enter_context(atomic_path(self._tmp / DATA_FILE))
            with self._errors():
                self._writer: pq.ParquetWriter = pq.ParquetWriter(data, self.schema, **PARQUET_OPTIONS)
            stack.callback(self._writer.close)
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def _errors(self) -> contextlib.AbstractContextManager[None]:
        return write_errors(self.root / self.version / DATA_FILE)

    def write(self, table: pa.Table) -> None:
        """Append rows (the corpus schema; ids ascending, after every id written so far)."""
        for batch in table.to_batches():
            self._fingerprint.update_batch(batch)
        self.rows += table.num_rows
        self._group.append(table)
        self._buffered += table.num_rows
        while self._buffered >= ROW_GROUP_ROWS:
            self._flush(ROW_GROUP_ROWS)

    def _flush(self, rows: int) -> None:
        import pyarrow as pa

        table = pa.concat_tables(self._group).combine_chunks()
        with self._errors():
            self._writer.write_table(table.slice(0, rows), row_group_size=ROW_GROUP_ROWS)
        rest = table.slice(rows)
        self._group, self._buffered = ([rest] if rest.num_rows else []), rest.num_rows

    def fingerprint(self) -> str:
        """The fingerprint of the rows written."""
        return self._fingerprint.hexdigest()

    def commit(
        self,
        warnings: Iterable[Problem] = (),
        *,
        repair: bool = False,
        ruleset_version: str = RULESET_VERSION,
        tools: Mapping[str, str] | None = None,
        rules: list[dict[str, str]] | None = None,
    ) -> Manifest:
        """Finish the data file, write the manifest and move the snapshot into place (see ``store.commit``)."""
        if self._buffered:
            self._flush(self._buffered)
        with self._errors():
            self._writer.close()
        self._data.close()  # the data file in place in the temporary folder
        manifest = Manifest(
            version=self.version,
            fingerprint=self.fingerprint(),
            rows=self.rows,
            files={DATA_FILE: file_entry(self._tmp / DATA_FILE)},
            schema=schema_spec(self.schema),
            ruleset_version=ruleset_version,
            tools=dict(tool_versions() if tools is None else tools),
            warnings=[{"check": p.check, "where": p.where, "message": p.message} for p in warnings],
            rules=rule_table() if rules is None else rules,
        )
        commit(self._tmp, self.root, manifest, repair=repair)
        return manifest
