"""Snapshots on disk: ``<root>/<X.Y.Z>/articles.parquet`` + ``manifest.json``.

Writes are atomic (a process-unique temporary folder, then a rename, under a file lock);
reads verify every file against the manifest before pyarrow opens a byte.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from .atomic import fsync, move_folder, write_bytes, write_errors
from .corpus import Corpus, locate
from .errors import IntegrityError, SnapshotExistsError, VersionNotFoundError, WriteError
from .fingerprint import fingerprint_table
from .locks import DEFAULT_TIMEOUT, locked
from .paths import StrPath

if TYPE_CHECKING:
    import pyarrow as pa

DATA_FILE = "articles.parquet"
MANIFEST_FILE = "manifest.json"
MANIFEST_FORMAT = 1
_SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
_TMP_PREFIX = ".tmp-"
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "compression_level": 9,
    "use_dictionary": True,
    "write_statistics": True,
    "version": "2.6",
    "data_page_size": 1 << 20,
}
"""Fixed writer options, so equal tables give equal bytes with the same pyarrow."""


class Readable(Protocol):
    """What loading needs of a folder: a ``pathlib.Path`` or an ``importlib`` Traversable."""

    @property
    def name(self) -> str: ...  # noqa: D102 - protocol member
    def joinpath(self, child: str, /) -> Readable: ...  # noqa: D102 - protocol member
    def iterdir(self) -> Iterator[Readable]: ...  # noqa: D102 - protocol member
    def is_dir(self) -> bool: ...  # noqa: D102 - protocol member
    def is_file(self) -> bool: ...  # noqa: D102 - protocol member
    def read_bytes(self) -> bytes: ...  # noqa: D102 - protocol member


@dataclass(frozen=True)
class Manifest:
    """What a snapshot holds, and the hashes that prove it."""

    version: str
    fingerprint: str
    rows: int
    files: dict[str, dict[str, Any]]
    schema: list[dict[str, str]]
    ruleset_version: str
    tools: dict[str, str]
    warnings: list[dict[str, str]] = field(default_factory=list)
    rules: list[dict[str, str]] = field(default_factory=list)
    """The rule table that shaped the text (name, where, action); empty in manifests written before it was recorded."""
    format: int = MANIFEST_FORMAT

    def to_json(self) -> bytes:
        """Canonical JSON bytes (sorted keys, two-space indent, trailing newline)."""
        return (json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, data: bytes, where: str, folder: str | None = None) -> Manifest:
        """Parse a manifest and check the whole document's shape (and its version against *folder*).

        Raises:
            IntegrityError: listing every way the document differs from the expected shape.

        """
        try:
            doc = json.loads(data, object_pairs_hook=_unique_keys)
        except RecursionError:
            raise IntegrityError(f"{where}: manifest is not valid JSON: nested too deeply. {REINSTALL}") from None
        except ValueError as exc:
            raise IntegrityError(f"{where}: manifest is not valid JSON: {exc}. {REINSTALL}") from exc
        problems = check_manifest(doc, folder)
        if problems:
            raise IntegrityError(f"{where}: manifest not understood: {'; '.join(problems)}. {REINSTALL}")
        return cls(**doc)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``object_pairs_hook``: a key given twice is an error (``json`` would keep the last silently)."""
    doc = dict(pairs)
    if len(doc) < len(pairs):
        repeated = sorted({k for k, _ in pairs if sum(1 for other, _ in pairs if other == k) > 1})
        raise ValueError(f"duplicate key(s) {', '.join(map(repr, repeated))}")
    return doc


REINSTALL = (
    "Reinstall the package, restore the snapshot from version control (git checkout), "
    "or rebuild it with `venezuela-corpus build --version X.Y.Z --repair`"
)
"""What to do about a damaged snapshot (``--repair`` re-creates only the recorded rows)."""
_HEX64 = re.compile(r"[0-9a-f]{64}")
_FIELDS: dict[str, type | tuple[type, ...]] = {
    "format": int,
    "version": str,
    "fingerprint": str,
    "rows": int,
    "files": dict,
    "schema": list,
    "ruleset_version": str,
    "tools": dict,
    "warnings": list,
    "rules": list,
}
_OPTIONAL = ("warnings", "rules")


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def plain_name(name: object) -> bool:
    """Whether *name* is a plain file name that stays inside its folder (no ``..``, ``/``, ``\\``).

    >>> [plain_name(n) for n in ("articles.parquet", "../x", "/etc/passwd", "a/b", ".", "")]
    [True, False, False, False, False, False]
    """
    return (
        isinstance(name, str)
        and name not in ("", ".", "..")
        and not any(c in name for c in "/\\\0")
        and name == name.strip()
    )


def _check_files(files: dict[object, object]) -> list[str]:
    problems = [] if DATA_FILE in files else [f"'files' does not list {DATA_FILE}"]
    for name, entry in files.items():
        if not plain_name(name) or name == MANIFEST_FILE:
            problems.append(f"file name {name!r} is not a plain name inside the snapshot folder")
        elif not (
            isinstance(entry, dict)
            and set(entry) == {"sha256", "size"}
            and isinstance(entry["sha256"], str)
            and _HEX64.fullmatch(entry["sha256"])
            and _count(entry["size"])
        ):
            problems.append(f"'files' entry {name!r} is not {{'sha256': <64 hex digits>, 'size': <bytes>}}")
    return problems


def _all(items: object, keys: set[str]) -> bool:
    """Whether *items* is a list of objects with exactly *keys* (or a subset, for warnings), all strings."""
    return isinstance(items, list) and all(
        isinstance(i, dict) and set(i) <= keys and all(isinstance(v, str) for v in i.values()) for i in items
    )


def check_manifest(doc: object, folder: str | None = None) -> list[str]:
    """Every way a manifest document differs from the expected shape; empty if it is fine.

    >>> check_manifest({"format": 1})[:2]
    ["missing field 'version'", "missing field 'fingerprint'"]
    """
    if not isinstance(doc, dict):
        return [f"expected a JSON object, not {type(doc).__name__}"]
    problems = [f"missing field {k!r}" for k in _FIELDS if k not in doc and k not in _OPTIONAL]
    problems += [f"unknown field {k!r}" for k in sorted(set(doc) - set(_FIELDS))]
    problems += [
        f"{k!r} must be {t.__name__ if isinstance(t, type) else t}, not {type(doc[k]).__name__}"
        for k, t in _FIELDS.items()
        if k in doc and (not isinstance(doc[k], t) or isinstance(doc[k], bool))
    ]
    if problems:
        return problems
    if doc["format"] != MANIFEST_FORMAT:
        problems.append(f"format {doc['format']} is not {MANIFEST_FORMAT}: a newer package wrote it?")
    if not _SEMVER.fullmatch(doc["version"]):
        problems.append(f"version {doc['version']!r} is not X.Y.Z")
    elif folder is not None and doc["version"] != folder:
        problems.append(f"version {doc['version']} does not match its folder {folder}")
    if not (doc["fingerprint"].startswith("sha256:") and _HEX64.fullmatch(doc["fingerprint"][7:])):
        problems.append(f"fingerprint {doc['fingerprint']!r} is not sha256:<64 hex digits>")
    if not _count(doc["rows"]):
        problems.append(f"rows {doc['rows']!r} is not a count")
    problems += _check_files(doc["files"])
    if not (_all(doc["schema"], {"name", "type"}) and all(len(c) == 2 for c in doc["schema"])):
        problems.append("'schema' is not a list of {'name': ..., 'type': ...}")
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in doc["tools"].items()):
        problems.append("'tools' is not an object of strings")
    if not _all(doc.get("warnings", []), {"check", "where", "message", "hint", "severity"}):
        problems.append("'warnings' is not a list of objects of strings")
    if not _all(doc.get("rules", []), {"name", "where", "action"}):
        problems.append("'rules' is not a list of objects of strings")
    return problems


def parse_version(text: str) -> tuple[int, int, int]:
    """``"1.2.3"`` -> ``(1, 2, 3)``; raises ``ValueError`` otherwise."""
    if not _SEMVER.fullmatch(text):
        raise ValueError(f"not a corpus version X.Y.Z: {text!r}")
    major, minor, patch = (int(p) for p in text.split("."))
    return major, minor, patch


def list_versions(root: Readable) -> list[str]:
    """Versions of the snapshots under *root*, oldest first."""
    if not root.is_dir():
        return []
    found = [p.name for p in root.iterdir() if p.is_dir() and _SEMVER.fullmatch(p.name)]
    return sorted(found, key=parse_version)


def check_version(spec: object) -> None:
    """Raise a clear ``TypeError`` unless *spec* is a version string or ``None``.

    >>> check_version(1.0)
    Traceback (most recent call last):
    ...
    TypeError: a corpus version is a string such as "1.0.0", not the float 1.0: write "1.0"
    """
    if spec is not None and not isinstance(spec, str):
        kind = type(spec).__name__
        hint = f': write "{spec}"' if isinstance(spec, (int, float)) and not isinstance(spec, bool) else ""
        raise TypeError(f'a corpus version is a string such as "1.0.0", not the {kind} {spec!r}{hint}')


def resolve(root: Readable, spec: str | None) -> str:
    """The newest version matching *spec* (``None``, ``"1"``, ``"1.0"`` or ``"1.0.0"``).

    Raises:
        VersionNotFoundError: listing the versions that exist.
        TypeError: *spec* is not a string (e.g. the float ``1.0``).

    """
    check_version(spec)
    available = list_versions(root)
    if spec is None:
        matches = available
    else:
        prefix = spec.removeprefix("v").split(".")
        matches = [v for v in available if v.split(".")[: len(prefix)] == prefix]
    if not matches:
        shown = ", ".join(available) or "none"
        raise VersionNotFoundError(f"no corpus version {spec!r}; available: {shown}")
    return matches[-1]


def sha256_bytes(data: bytes) -> str:
    """Hex SHA-256 of *data*."""
    return hashlib.sha256(data).hexdigest()


def file_entry(path: Path) -> dict[str, Any]:
    """A manifest's record of one file, its SHA-256 and size, read in 1 MiB blocks."""
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
            size += len(block)
    return {"sha256": digest.hexdigest(), "size": size}


def _mismatch(where: str, expected: Mapping[str, Any], actual: str, size: int) -> IntegrityError:
    return IntegrityError(
        f"{where} does not match its manifest: expected sha256 {expected.get('sha256')} "
        f"({expected.get('size')} bytes), got {actual} ({size} bytes). "
        f"The file was changed or truncated. {REINSTALL}."
    )


def read_verified(folder: Readable, name: str, expected: Mapping[str, Any]) -> bytes:
    """Read one file of a snapshot and check its size and SHA-256 against the manifest."""
    where = f"{folder.name}/{name}"
    try:
        data = folder.joinpath(name).read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise IntegrityError(f"{where} is missing. {REINSTALL}.") from exc
    except OSError as exc:
        raise IntegrityError(f"{where} cannot be read ({exc.strerror or exc}). {REINSTALL}.") from exc
    actual = sha256_bytes(data)
    if actual != expected.get("sha256") or len(data) != expected.get("size"):
        raise _mismatch(where, expected, actual, len(data))
    return data


def open_verified(folder: Readable, name: str, expected: Mapping[str, Any]) -> pa.NativeFile:
    """Open one file of a snapshot, hashed in 1 MiB blocks and checked, rewound to its start.

    Memory stays flat in the file's size, and pyarrow later reads the very file handle that
    was hashed. A folder that is not on the file system (e.g. a zip) is read into memory.
    """
    import pyarrow as pa

    path = folder.joinpath(name)
    if not isinstance(path, Path):
        return pa.BufferReader(read_verified(folder, name, expected))
    where = f"{folder.name}/{name}"
    try:
        handle = pa.OSFile(str(path))
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise IntegrityError(f"{where} is missing. {REINSTALL}.") from exc
    except OSError as exc:
        raise IntegrityError(f"{where} cannot be read ({exc.strerror or exc}). {REINSTALL}.") from exc
    digest, size = hashlib.sha256(), 0
    try:
        while block := handle.read_buffer(1 << 20):
            digest.update(block)
            size += block.size
    except OSError as exc:
        handle.close()
        raise IntegrityError(f"{where} cannot be read ({exc.strerror or exc}). {REINSTALL}.") from exc
    if digest.hexdigest() != expected.get("sha256") or size != expected.get("size"):
        handle.close()
        raise _mismatch(where, expected, digest.hexdigest(), size)
    handle.seek(0)
    return handle


def read_manifest(folder: Readable) -> Manifest:
    """Read a snapshot's manifest, checked in full (its version must be its folder's name)."""
    where = f"{folder.name}/{MANIFEST_FILE}"
    try:
        data = folder.joinpath(MANIFEST_FILE).read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise IntegrityError(f"{where} is missing: the snapshot cannot be verified. {REINSTALL}.") from exc
    except OSError as exc:
        raise IntegrityError(f"{where} cannot be read ({exc.strerror or exc}). {REINSTALL}.") from exc
    return Manifest.from_json(data, where, folder.name)


def check_listing(folder: Readable, manifest: Manifest) -> None:
    """Raise :class:`IntegrityError` unless *folder* holds exactly the manifest and the files it lists."""
    try:
        present = {p.name for p in folder.iterdir()}
    except OSError as exc:
        raise IntegrityError(f"{folder.name}/ cannot be listed ({exc.strerror or exc}). {REINSTALL}.") from exc
    extra = sorted(present - set(manifest.files) - {MANIFEST_FILE})
    if extra:
        raise IntegrityError(
            f"{folder.name}/ holds files its manifest does not list: {', '.join(extra)}. A snapshot holds "
            f"exactly the files it records: remove them, or {REINSTALL[0].lower()}{REINSTALL[1:]}."
        )


def _read_parquet(source: pa.NativeFile) -> pa.Table:
    """The table in *source*; bytes Python owns are read synchronously, in this thread.

    ``pq.read_table`` reads on Arrow's I/O threads, one of which may drop the last reference
    to the reader after this returns. Over a ``BufferReader`` of Python ``bytes`` that release
    needs the GIL; if the interpreter is finalising by then (a command that read and exits at
    once), the thread is stopped inside a C++ destructor and the process aborts with
    "terminate called without an active exception" (exit 134; seen with gdb). ``ParquetFile``
    without pre-buffering starts no thread, so nothing outlives the call.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    if isinstance(source, pa.BufferReader):
        with pq.ParquetFile(source, pre_buffer=False) as reader:
            return reader.read(use_threads=False)
    with pq.ParquetFile(source) as reader:  # not read_table: it imports pyarrow.dataset, and pandas
        return reader.read()  # a file Arrow owns: its threads need no GIL to release it


def read_table(folder: Readable, cache: dict[tuple[str, str], pa.Table] | None = None) -> tuple[Manifest, pa.Table]:
    """Read a snapshot, verified: the folder's listing, file hashes, schema and row count agree with the manifest.

    The files are read and hashed on every call. With *cache*, a table already parsed from
    the very same bytes (same SHA-256) under the same manifest is reused.
    """
    manifest, table, _ = _read(folder, cache)
    return manifest, table


def _read(
    folder: Readable, cache: dict[tuple[str, str], pa.Table] | None, *, keep_data: bool = False
) -> tuple[Manifest, pa.Table, bytes | None]:
    import pyarrow as pa

    from .schema import schema_spec

    manifest = read_manifest(folder)
    check_listing(folder, manifest)
    for name in sorted(set(manifest.files) - {DATA_FILE}):
        read_verified(folder, name, manifest.files[name])
    entry = manifest.files[DATA_FILE]
    key = (entry["sha256"], manifest.fingerprint)
    if keep_data:  # read once, hashed once, parsed from the same bytes
        data: bytes | None = read_verified(folder, DATA_FILE, entry)
        source: pa.NativeFile = pa.BufferReader(data)
    else:
        data, source = None, open_verified(folder, DATA_FILE, entry)
    with source:
        if cache is not None and key in cache:
            return manifest, cache[key], data
        try:
            table = _read_parquet(source)
        except (pa.ArrowException, OSError) as exc:
            raise IntegrityError(f"{folder.name}/{DATA_FILE} is not readable Parquet: {exc}. {REINSTALL}.") from exc
    where = f"{folder.name}/{MANIFEST_FILE}"
    if schema_spec(table.schema) != manifest.schema:
        raise IntegrityError(f"{where}: schema does not match the data file. {REINSTALL}.")
    if table.num_rows != manifest.rows:
        raise IntegrityError(f"{where}: {manifest.rows} rows recorded, {table.num_rows} in the data. {REINSTALL}.")
    return manifest, table, data


@dataclass(frozen=True)
class Snapshot:
    """One verified snapshot: what :func:`open_snapshot` gives every reader.

    Attributes:
        corpus: The corpus it belongs to (its name, description, license, citation).
        manifest: Its manifest, checked in full.
        table: Its rows (an immutable Arrow table), whose fingerprint is the manifest's.
        data: The bytes of ``articles.parquet`` as read, hashed and parsed, for byte-exact
            copies; ``None`` unless :func:`open_snapshot` was asked to keep them.

    """

    corpus: Corpus
    manifest: Manifest
    table: pa.Table
    data: bytes | None = None

    @property
    def version(self) -> str:
        """Its corpus version, ``X.Y.Z``."""
        return self.manifest.version

    @property
    def pin(self) -> str:
        """Its pin: ``<corpus name>==X.Y.Z@sha256:...``."""
        return self.corpus.info.pin(self.manifest)


_VERIFIED: dict[tuple[str, str], pa.Table] = {}
"""Tables whose rows were checked against their fingerprint, by (data SHA-256, fingerprint)."""


def check_rows(table: pa.Table, expected: str, where: str, advice: str = REINSTALL) -> None:
    """Raise :class:`IntegrityError` unless *table*'s rows have fingerprint *expected*, in id order.

    The fingerprint is computed a record batch at a time, so the check adds memory flat in the
    rows; it does not depend on the rows' order, so the order (each id once, ascending, as
    every snapshot stores them) is checked on its own.
    """
    try:
        actual = fingerprint_table(table)
    except ValueError as exc:
        raise IntegrityError(f"{where}: rows cannot be fingerprinted: {exc}. {advice}.") from exc
    if actual != expected:
        raise IntegrityError(f"{where}: rows have fingerprint {actual}, expected {expected}. {advice}.")
    from .arrowfn import call  # not pyarrow.compute: see arrowfn

    ids = table.column("id").combine_chunks()
    if len(ids) > 1 and not call("all", call("less", ids.slice(0, len(ids) - 1), ids.slice(1))).as_py():
        raise IntegrityError(f"{where}: rows are not in id order, as every snapshot stores them. {advice}.")


def snapshot_folder(version: str | None = None, *, path: StrPath | Corpus | None = None) -> tuple[Corpus, Readable]:
    """The corpus (see :func:`~venezuela_corpus.corpus.locate`) and the folder of its version *version*.

    Raises:
        VersionNotFoundError: listing the versions that exist.
        NotACorpusError: *path* is not a corpus folder.

    """
    corpus = locate(path)
    return corpus, corpus.snapshots.joinpath(resolve(corpus.snapshots, version))


def open_snapshot(
    version: str | None = None, *, path: StrPath | Corpus | None = None, keep_data: bool = False
) -> Snapshot:
    """Open a snapshot of a corpus, verified in full: the one way every reader reads one.

    The manifest is checked, the folder's listing, every file's size and SHA-256 (read and
    hashed on every call), the schema, the row count, and the rows' fingerprint (once per
    process for the same bytes). Nothing is written.

    Args:
        version: ``"1.0.0"``, ``"1.0"`` or ``"1"`` (the newest match), or ``None`` (the newest).
        path: A corpus folder (or a :class:`~venezuela_corpus.corpus.Corpus`); ``None`` for the
            package's own corpus.
        keep_data: Keep the data file's bytes in :attr:`Snapshot.data` (read and hashed once,
            parsed from the same bytes), for readers that copy the file byte for byte; otherwise
            the file is hashed in blocks from the handle pyarrow then reads (memory flat in size).

    Raises:
        VersionNotFoundError: no such version; the message lists the available ones.
        IntegrityError: a file, the manifest or the rows differ from what was recorded.

    >>> open_snapshot("1.0.0").pin.startswith("venezuela-corpus==1.0.0@sha256:")
    True
    """
    corpus, folder = snapshot_folder(version, path=path)
    manifest, table, data = _read(folder, _VERIFIED, keep_data=keep_data)
    key = (manifest.files[DATA_FILE]["sha256"], manifest.fingerprint)
    if _VERIFIED.get(key) is not table:
        check_rows(table, manifest.fingerprint, f"{folder.name}/{DATA_FILE}")
        _VERIFIED[key] = table
    return Snapshot(corpus, manifest, table, data)


def verify(folder: Readable) -> Manifest:
    """Read a snapshot and check everything, its rows' fingerprint too; its manifest if all holds."""
    manifest, table = read_table(folder)
    check_rows(table, manifest.fingerprint, f"{folder.name}/{DATA_FILE}")
    return manifest


def next_patch(version: str) -> str:
    """``"1.0.0"`` -> ``"1.0.1"``."""
    major, minor, patch = parse_version(version)
    return f"{major}.{minor}.{patch + 1}"


@contextlib.contextmanager
def build_lock(root: Path, timeout: float = DEFAULT_TIMEOUT) -> Iterator[None]:
    """A cross-process lock on *root*; also sweeps temporary folders of killed builds.

    Raises:
        LockTimeoutError: another build held the lock for *timeout* seconds.

    """
    with locked(root / ".build.lock", f"the snapshots in {root}", timeout):
        for stale in root.glob(_TMP_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def temp_folder(root: Path, version: str) -> Path:
    """A process-unique temporary folder beside the snapshots (same file system)."""
    path = root / f"{_TMP_PREFIX}{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    with write_errors(root / version):
        path.mkdir(parents=True)
    return path


def commit(tmp: Path, root: Path, manifest: Manifest, *, repair: bool = False) -> Path:
    """Move a finished temporary snapshot into place (call under :func:`build_lock`).

    Identical content already in place (verified in full) is a no-op; other content is
    refused. A damaged snapshot in place is refused too, unless *repair* is given and the
    new build's rows have the fingerprint the damaged snapshot's manifest records.

    Raises:
        SnapshotExistsError: the version exists with other content.
        IntegrityError: the version exists damaged (and cannot be repaired from this build).

    """
    target = root / manifest.version
    try:
        write_bytes(tmp / MANIFEST_FILE, manifest.to_json())
    except WriteError as exc:  # name the file the user knows, not the temporary one
        raise WriteError(target / MANIFEST_FILE, exc.__cause__ or exc) from exc
    with write_errors(target / DATA_FILE):
        fsync(tmp / DATA_FILE)
    if target.exists() or target.is_symlink():
        damage = _damage(target)
        if damage is None:
            existing = read_manifest(target)
            shutil.rmtree(tmp)
            if existing.fingerprint == manifest.fingerprint:
                return target
            raise SnapshotExistsError(
                f"corpus version {manifest.version} already exists with other content "
                f"({existing.fingerprint}, new build {manifest.fingerprint}); released versions are "
                f"immutable. Build it as a new version, e.g. --version {next_patch(list_versions(root)[-1])}."
            )
        _replace_damaged(tmp, target, manifest, damage, repair)
        return target
    with write_errors(target):
        move_folder(tmp, target)
    return target


def _damage(target: Path) -> IntegrityError | None:
    try:
        verify(target)
    except IntegrityError as exc:
        return exc
    return None


def _recorded_fingerprint(target: Path) -> str | None:
    try:
        return read_manifest(target).fingerprint
    except IntegrityError:
        return None


def _replace_damaged(tmp: Path, target: Path, manifest: Manifest, damage: IntegrityError, repair: bool) -> None:
    recorded = _recorded_fingerprint(target)
    version = manifest.version
    if not repair:
        advice = (
            f"`venezuela-corpus build --version {version} --repair` replaces it with this build"
            if recorded == manifest.fingerprint
            else "restore it from version control (git checkout) or reinstall the package"
        )
        raise IntegrityError(
            f"corpus version {version} in {target} is damaged, so nothing was written: {damage} "
            f"This build's rows are {'' if recorded == manifest.fingerprint else 'not '}the recorded ones: {advice}."
        )
    if recorded != manifest.fingerprint:
        raise IntegrityError(
            f"cannot repair corpus version {version} in {target}: this build's fingerprint {manifest.fingerprint} "
            f"is not the recorded {recorded or '(unreadable manifest)'}, so it would not be the same data. "
            "Restore the snapshot from version control (git checkout) or reinstall the package."
        )
    aside = target.with_name(f"{_TMP_PREFIX}damaged-{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}")
    with write_errors(target):
        move_folder(tmp, target, aside)
    shutil.rmtree(aside, ignore_errors=True)
