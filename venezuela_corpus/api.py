"""The public loading API: ``load_corpus()``, ``versions()`` and friends.

Loading reads the snapshots shipped inside the package with ``importlib.resources``,
checks every file against its manifest, works offline and writes nothing to disk.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files
from typing import TYPE_CHECKING, Literal

from .errors import IntegrityError
from .fingerprint import fingerprint_table
from .paths import StrPath
from .store import Manifest, Readable, check_version, read_manifest, read_table, resolve

if TYPE_CHECKING:
    import datasets
    import pyarrow as pa

HOMEPAGE = "https://github.com/venezuela-corpus/venezuela-corpus"
LICENSE = (
    "other: code MIT; article texts remain the copyright of their publishers and are shared "
    "for non-commercial research and teaching only (see TERMS.md)"
)
_VERIFIED: dict[tuple[str, str], pa.Table] = {}
"""Tables whose rows were checked against the fingerprint, by (file SHA-256, fingerprint)."""
_DATASETS: dict[tuple[str, str], tuple[pa.Table, datasets.Dataset]] = {}
"""A pristine Dataset per verified table, copied (not shared) by each load."""


def _key(meta: Manifest) -> tuple[str, str]:
    return meta.files["articles.parquet"]["sha256"], meta.fingerprint


_PIN = re.compile(r"(?:venezuela-corpus==)?(?P<version>[\d.]+)@(?P<fingerprint>sha256:[0-9a-f]{64})")
_HEX64 = re.compile(r"[0-9a-f]{64}")


def snapshots_root() -> Readable:
    """The folder of snapshots shipped in the package."""
    return files("venezuela_corpus").joinpath("snapshots")


@functools.cache
def descr_text(name: str) -> str:
    """A file shipped in ``venezuela_corpus/descr/`` (description, citation, terms, ...)."""
    return files("venezuela_corpus").joinpath("descr").joinpath(name).read_text(encoding="utf-8")


def versions() -> list[str]:
    """Corpus versions shipped in this package, oldest first.

    >>> "1.0.0" in versions()
    True
    """
    from .store import list_versions

    return list_versions(snapshots_root())


def _split_pin(version: str | None, fingerprint: str | None) -> tuple[str | None, str | None]:
    check_version(version)
    fingerprint = normalise_fingerprint(fingerprint)
    if version and "@" in version:
        match = _PIN.fullmatch(version.strip())
        if not match:
            raise ValueError(f"not a pin string: {version!r} (expected venezuela-corpus==X.Y.Z@sha256:...)")
        if fingerprint and fingerprint != match["fingerprint"]:
            raise ValueError("the pin's fingerprint and the fingerprint argument differ")
        return match["version"], match["fingerprint"]
    return version, fingerprint


def normalise_fingerprint(fingerprint: object) -> str | None:
    """``"sha256:<64 hex>"`` from that or from the bare 64 hex digits; ``None`` stays ``None``.

    >>> normalise_fingerprint("CDA09BFD" + "0" * 56)
    'sha256:cda09bfd00000000000000000000000000000000000000000000000000000000'
    """
    if fingerprint is None:
        return None
    if not isinstance(fingerprint, str):
        raise TypeError(
            f"fingerprint must be a string such as 'sha256:<64 hex digits>', not {type(fingerprint).__name__}"
        )
    digits = fingerprint.strip().lower().removeprefix("sha256:")
    if not _HEX64.fullmatch(digits):
        raise ValueError(
            f"not a fingerprint: {fingerprint!r}; expected 'sha256:' and 64 hex digits "
            "(`venezuela-corpus versions` lists each version's)"
        )
    return f"sha256:{digits}"


def version_of(fingerprint: str) -> str | None:
    """The shipped version whose rows have *fingerprint* (``sha256:...`` or bare hex), if any.

    >>> version_of(manifest("1.0.0").fingerprint)
    '1.0.0'
    """
    wanted = normalise_fingerprint(fingerprint)
    return next((v for v in versions() if manifest(v).fingerprint == wanted), None)


def resolve_pinned(version: str | None, fingerprint: str | None) -> tuple[str, str | None]:
    """The shipped version to load for *version* and *fingerprint* (both optional).

    With only a fingerprint, the version it belongs to. A fingerprint that is not the
    version's raises :class:`IntegrityError` naming the version it does belong to, if shipped.
    """
    version, fingerprint = _split_pin(version, fingerprint)
    owner = version_of(fingerprint) if fingerprint else None
    root = snapshots_root()
    if version is None and fingerprint is not None:
        if owner is None:
            raise IntegrityError(_not_shipped(fingerprint))
        return owner, fingerprint
    resolved = resolve(root, version)
    if fingerprint is None:
        return resolved, None
    expected = manifest(resolved).fingerprint
    if fingerprint != expected:
        if owner is not None:
            raise IntegrityError(
                f"fingerprint {fingerprint} is corpus {owner}'s, not {resolved}'s "
                f"(which is {expected}): load version {owner!r}, or pass only the fingerprint"
            )
        raise IntegrityError(
            f"corpus {resolved} has fingerprint {expected}, not the pinned {fingerprint}. " + _not_shipped(fingerprint)
        )
    return resolved, fingerprint


def _not_shipped(fingerprint: str) -> str:
    shipped = "; ".join(f"{v}: {manifest(v).fingerprint}" for v in versions())
    return (
        f"No corpus version in this package has fingerprint {fingerprint} (shipped: {shipped}). "
        "Install the package release that shipped the pinned data."
    )


def manifest(version: str | None = None) -> Manifest:
    """The manifest of a shipped version (default: the newest)."""
    root = snapshots_root()
    return read_manifest(root.joinpath(resolve(root, version)))


def pin(version: str | None = None) -> str:
    """The pin string of a shipped version, e.g. ``venezuela-corpus==1.0.0@sha256:...``."""
    return manifest(version).pin


def fingerprint(dataset: datasets.Dataset) -> str:
    """The content fingerprint of a corpus loaded by :func:`load_corpus`."""
    version = dataset.info.version
    if version is None or not str(version.description or "").startswith("sha256:"):
        raise ValueError("this Dataset was not loaded by venezuela_corpus.load_corpus")
    return str(version.description)


_COPIED = ("_info", "_indexes", "_format_kwargs", "_format_columns")


def _fresh(ds: datasets.Dataset) -> datasets.Dataset | None:
    """A new Dataset sharing *ds*'s immutable Arrow table, with its own info (a deep copy), format and indexes.

    ``Dataset()`` deep-copies its info and re-derives the schema (about 1 ms here); this is the
    same object state for a few microseconds. If ``datasets`` ever lays out its state
    differently, ``None`` is returned and the caller constructs the Dataset normally.
    """
    import copy

    if not set(_COPIED) <= ds.__dict__.keys():
        return None
    new = copy.copy(ds)
    new._info = ds._info.copy()  # deep: no load shares a mutable part (version, features) of another's info
    new._indexes = dict(ds._indexes)
    new._format_kwargs = dict(ds._format_kwargs)
    new._format_columns = None if ds._format_columns is None else list(ds._format_columns)
    return new


def _to_dataset(table: pa.Table, meta: Manifest) -> datasets.Dataset:
    key = _key(meta)
    source, cached = _DATASETS.get(key, (None, None))
    if source is table and cached is not None:
        fresh = _fresh(cached)
        if fresh is not None:
            return fresh
    ds = _build_dataset(table, meta)
    pristine = _fresh(ds)
    if pristine is not None:
        _DATASETS[key] = (table, pristine)
    return ds


def _build_dataset(table: pa.Table, meta: Manifest) -> datasets.Dataset:
    import datasets
    from datasets.table import InMemoryTable

    features = datasets.Features.from_arrow_schema(table.schema)
    # datasets names list items "item", Parquet "element": cast once here, not in every Dataset().
    table = table.cast(features.arrow_schema)
    info = datasets.DatasetInfo(
        description=f"{descr_text('DESCRIPTION.md').strip()}\n\nPin: {meta.pin}\n",
        citation=descr_text("CITATION.bib"),
        homepage=HOMEPAGE,
        license=LICENSE,
        features=features,
        dataset_name="venezuela_corpus",
        version=datasets.Version(meta.version, description=meta.fingerprint),
    )
    digest = meta.fingerprint.removeprefix("sha256:")
    return datasets.Dataset(InMemoryTable(table), info=info, split=datasets.Split.TRAIN, fingerprint=digest)


def check_rows(table: pa.Table, expected: str, where: str) -> None:
    """Raise :class:`IntegrityError` unless *table*'s rows have fingerprint *expected*.

    Computed a record batch at a time, so the check adds memory flat in the rows.
    """
    try:
        actual = fingerprint_table(table)
    except ValueError as exc:
        raise IntegrityError(f"{where}: rows cannot be fingerprinted: {exc}") from exc
    if actual != expected:
        raise IntegrityError(f"{where}: rows have fingerprint {actual}, expected {expected}")


def load_corpus(
    version: str | None = None,
    *,
    fingerprint: str | None = None,
    source: Literal["package", "hub"] = "package",
    repo_id: StrPath | None = None,
) -> datasets.Dataset:
    """Load a corpus version as a ``datasets.Dataset`` with typed features.

    Args:
        version: ``"1.0.0"`` exactly, ``"1.0"`` or ``"1"`` for the newest match, ``None`` for
            the newest (or, with *fingerprint*, the version it belongs to), or a pin string
            ``"venezuela-corpus==1.0.0@sha256:..."``.
        fingerprint: If given (``"sha256:..."`` or the bare hex digits), the rows must have it.
        source: ``"package"`` (offline, the snapshot in this package) or ``"hub"``.
        repo_id: The Hub dataset repository, or a local exported folder (``str`` or
            ``os.PathLike``), when ``source="hub"``.

    Raises:
        VersionNotFoundError: no such version; the message lists the available ones.
        IntegrityError: a file, the manifest or the rows differ from what was recorded, or
            the fingerprint is not the version's (the message names the version it is).

    >>> ds = load_corpus("1")
    >>> sorted(set(ds["language"]))
    ['id']

    """
    if source not in ("package", "hub"):
        raise ValueError(f"source must be 'package' or 'hub', not {source!r}")
    resolved, fingerprint = resolve_pinned(version, fingerprint)
    if source == "hub":
        from .hub import load_from_hub

        return load_from_hub(repo_id, resolved, fingerprint)
    root = snapshots_root()
    folder = root.joinpath(resolved)
    meta, table = read_table(folder, _VERIFIED)
    if _VERIFIED.get(_key(meta)) is not table:
        check_rows(table, meta.fingerprint, f"{folder.name}/articles.parquet")
        _VERIFIED[_key(meta)] = table
    if fingerprint is not None and fingerprint != meta.fingerprint:
        raise IntegrityError(
            f"corpus {meta.version} has fingerprint {meta.fingerprint}, not the pinned {fingerprint}. "
            "Install the package release that shipped the pinned data."
        )
    return _to_dataset(table, meta)
