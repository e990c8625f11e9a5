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

from .errors import IntegrityError, SnapshotExistsError, VersionNotFoundError

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
    format: int = MANIFEST_FORMAT

    @property
    def pin(self) -> str:
        """The one-line pin for experiment configs."""
        return f"venezuela-corpus=={self.version}@{self.fingerprint}"

    def to_json(self) -> bytes:
        """Canonical JSON bytes (sorted keys, two-space indent, trailing newline)."""
        return (json.dumps(asdict(self), indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()

    @classmethod
    def from_json(cls, data: bytes, where: str) -> Manifest:
        """Parse and check a manifest's shape."""
        try:
            doc = json.loads(data)
            manifest = cls(**doc)
        except (ValueError, TypeError) as exc:
            raise IntegrityError(f"{where}: manifest is not valid: {exc}. Reinstall the package.") from exc
        if manifest.format != MANIFEST_FORMAT or DATA_FILE not in manifest.files:
            raise IntegrityError(f"{where}: manifest format {manifest.format} or files not understood")
        return manifest


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


def resolve(root: Readable, spec: str | None) -> str:
    """The newest version matching *spec* (``None``, ``"1"``, ``"1.0"`` or ``"1.0.0"``).

    Raises:
        VersionNotFoundError: listing the versions that exist.

    """
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


def read_verified(folder: Readable, name: str, expected: Mapping[str, Any]) -> bytes:
    """Read one file of a snapshot and check its size and SHA-256 against the manifest."""
    where = f"{folder.name}/{name}"
    try:
        data = folder.joinpath(name).read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise IntegrityError(f"{where} is missing. Reinstall the package or rebuild it.") from exc
    actual = sha256_bytes(data)
    if actual != expected.get("sha256") or len(data) != expected.get("size"):
        raise IntegrityError(
            f"{where} does not match its manifest: expected sha256 {expected.get('sha256')} "
            f"({expected.get('size')} bytes), got {actual} ({len(data)} bytes). "
            "The file was changed or truncated: reinstall the package or rebuild the snapshot."
        )
    return data


def read_manifest(folder: Readable) -> Manifest:
    """Read a snapshot's manifest."""
    where = f"{folder.name}/{MANIFEST_FILE}"
    try:
        data = folder.joinpath(MANIFEST_FILE).read_bytes()
    except (FileNotFoundError, NotADirectoryError) as exc:
        raise IntegrityError(f"{where} is missing: the snapshot cannot be verified. Reinstall.") from exc
    return Manifest.from_json(data, where)


def read_table(folder: Readable, cache: dict[tuple[str, str], pa.Table] | None = None) -> tuple[Manifest, pa.Table]:
    """Read a snapshot, verified: file hashes, schema and row count agree with the manifest.

    The files are read and hashed on every call. With *cache*, a table already parsed from
    the very same bytes (same SHA-256) under the same manifest is reused.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .schema import schema_spec

    manifest = read_manifest(folder)
    data = read_verified(folder, DATA_FILE, manifest.files[DATA_FILE])
    key = (manifest.files[DATA_FILE]["sha256"], manifest.fingerprint)
    if cache is not None and key in cache:
        return manifest, cache[key]
    # Single-threaded: with pyarrow 26, a threaded read from a BufferReader can abort the
    # process at exit ("terminate called without an active exception", 24 of 40 runs here).
    table = pq.read_table(pa.BufferReader(data), use_threads=False)
    where = f"{folder.name}/{MANIFEST_FILE}"
    if schema_spec(table.schema) != manifest.schema:
        raise IntegrityError(f"{where}: schema does not match the data file; reinstall or rebuild")
    if table.num_rows != manifest.rows:
        raise IntegrityError(f"{where}: {manifest.rows} rows recorded, {table.num_rows} in the data")
    return manifest, table


def next_patch(version: str) -> str:
    """``"1.0.0"`` -> ``"1.0.1"``."""
    major, minor, patch = parse_version(version)
    return f"{major}.{minor}.{patch + 1}"


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """A cross-process lock on *root*; also sweeps temporary folders of killed builds."""
    from filelock import FileLock

    root.mkdir(parents=True, exist_ok=True)
    with FileLock(str(root / ".build.lock")):
        for stale in root.glob(_TMP_PREFIX + "*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def temp_folder(root: Path, version: str) -> Path:
    """A process-unique temporary folder beside the snapshots (same file system)."""
    path = root / f"{_TMP_PREFIX}{version}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    path.mkdir(parents=True)
    return path


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def commit(tmp: Path, root: Path, manifest: Manifest) -> Path:
    """Move a finished temporary snapshot into place (call under :func:`build_lock`).

    Identical content already in place is a no-op; other content is refused.
    """
    target = root / manifest.version
    (tmp / MANIFEST_FILE).write_bytes(manifest.to_json())
    for name in (DATA_FILE, MANIFEST_FILE):
        _fsync(tmp / name)
    if target.exists():
        existing = read_manifest(target)
        shutil.rmtree(tmp)
        if existing.fingerprint == manifest.fingerprint:
            return target
        raise SnapshotExistsError(
            f"corpus version {manifest.version} already exists with other content "
            f"({existing.fingerprint}, new build {manifest.fingerprint}); released versions are "
            f"immutable. Build it as a new version, e.g. --version {next_patch(list_versions(root)[-1])}."
        )
    tmp.rename(target)
    _fsync(root)
    return target
