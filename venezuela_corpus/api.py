"""The public loading API: ``load_corpus()``, ``versions()``, ``pin()``, ``fingerprint()``.

Every read goes through :func:`~venezuela_corpus.store.open_snapshot`: the package's own
corpus (shipped inside the package) or any corpus folder (``path=``), every file checked
against its manifest, offline, writing nothing to disk.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, overload

from .corpus import PACKAGE_NAME, Corpus, locate
from .errors import IntegrityError
from .fingerprint import fingerprint_table  # imported here, before the package binds its name to api.fingerprint
from .paths import StrPath
from .store import (
    DATA_FILE,
    Manifest,
    Snapshot,
    check_version,
    list_versions,
    open_snapshot,
    read_manifest,
    snapshot_folder,
)

if TYPE_CHECKING:
    import datasets
    import pyarrow as pa

    from .streaming import Stream

_DATASETS: dict[tuple[str, str, str], tuple[pa.Table, datasets.Dataset]] = {}
"""A pristine Dataset per verified table, deep-copied (the Arrow table shared) by each load."""
_PIN = re.compile(r"(?:[A-Za-z0-9._-]+==)?(?P<version>[\d.]+)@(?P<fingerprint>sha256:[0-9a-f]{64})")
_HEX64 = re.compile(r"[0-9a-f]{64}")


def versions(path: StrPath | Corpus | None = None) -> list[str]:
    """The versions of a corpus's snapshots, oldest first (default: the package's own corpus).

    >>> "1.0.0" in versions()
    True
    """
    return list_versions(locate(path).snapshots)


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


def version_of(fingerprint: str, *, path: StrPath | Corpus | None = None) -> str | None:
    """The version of a corpus (default: the package's own) whose rows have *fingerprint*, if any.

    >>> version_of(manifest("1.0.0").fingerprint)
    '1.0.0'
    """
    wanted = normalise_fingerprint(fingerprint)
    return next((v for v in versions(path) if manifest(v, path=path).fingerprint == wanted), None)


def resolve_pinned(
    version: str | None, fingerprint: str | None, *, path: StrPath | Corpus | None = None
) -> tuple[str, str | None]:
    """The version of a corpus (default: the package's own) to load for *version* and *fingerprint*.

    Both are optional. With only a fingerprint, the version it belongs to. A fingerprint that
    is not the version's raises :class:`IntegrityError` naming the version it does belong to.
    """
    version, fingerprint = _split_pin(version, fingerprint)
    owner = version_of(fingerprint, path=path) if fingerprint else None
    if version is None and fingerprint is not None:
        if owner is None:
            raise IntegrityError(_not_shipped(fingerprint, path))
        return owner, fingerprint
    _, folder = snapshot_folder(version, path=path)
    resolved = folder.name
    if fingerprint is None:
        return resolved, None
    expected = read_manifest(folder).fingerprint
    if fingerprint != expected:
        if owner is not None:
            raise IntegrityError(
                f"fingerprint {fingerprint} is corpus {owner}'s, not {resolved}'s "
                f"(which is {expected}): load version {owner!r}, or pass only the fingerprint"
            )
        raise IntegrityError(
            f"corpus {resolved} has fingerprint {expected}, not the pinned {fingerprint}. "
            + _not_shipped(fingerprint, path)
        )
    return resolved, fingerprint


def _not_shipped(fingerprint: str, path: StrPath | Corpus | None) -> str:
    corpus = locate(path)
    listed = "; ".join(f"{v}: {manifest(v, path=corpus).fingerprint}" for v in versions(corpus))
    if corpus.root is None or corpus.info.name == PACKAGE_NAME:
        return (
            f"No corpus version in this package has fingerprint {fingerprint} (shipped: {listed}). "
            "Install the package release that shipped the pinned data."
        )
    return f"No version of the corpus in {corpus.where} has fingerprint {fingerprint} (versions: {listed or 'none'})."


def manifest(version: str | None = None, *, path: StrPath | Corpus | None = None) -> Manifest:
    """The manifest of a corpus version (default: the newest), checked in full; its data is not read."""
    _, folder = snapshot_folder(version, path=path)
    return read_manifest(folder)


def pin(version: str | None = None, *, path: StrPath | Corpus | None = None) -> str:
    """The pin string of a corpus version, e.g. ``venezuela-corpus==1.0.0@sha256:...``.

    The manifest records it; :func:`load_corpus` checks the rows against it, and
    :func:`fingerprint` recomputes it from the rows of a Dataset.

    >>> pin("1.0.0") == "venezuela-corpus==1.0.0@" + fingerprint(load_corpus("1.0.0"))
    True
    """
    corpus, folder = snapshot_folder(version, path=path)
    return corpus.info.pin(read_manifest(folder))


def fingerprint(dataset: datasets.Dataset) -> str:
    """The content fingerprint of the rows of *dataset*, computed from them.

    The SHA-256 of the canonical rows (sorted by ``id``, columns in the Dataset's order), as
    a manifest records it: a whole loaded version gives its pin's fingerprint; a subset
    (``select``, ``filter``) or an edit (``map``) gives its own.

    Raises:
        ValueError: the Dataset has no ``id`` column, or two rows share an id.

    >>> ds = load_corpus("1.0.0")
    >>> fingerprint(ds) == manifest("1.0.0").fingerprint, fingerprint(ds.select([0])) == fingerprint(ds)
    (True, False)
    """
    if "id" not in dataset.column_names:
        raise ValueError(f"a fingerprint needs an 'id' column; this Dataset has {dataset.column_names}")
    return fingerprint_table(dataset.with_format("arrow")[:])


def _to_dataset(snapshot: Snapshot) -> datasets.Dataset:
    """A Dataset of the snapshot's rows: a deep copy of one built per verified table (~0.3 ms)."""
    import copy

    meta = snapshot.manifest
    key = (meta.files[DATA_FILE]["sha256"], meta.fingerprint, snapshot.pin)
    source, pristine = _DATASETS.get(key, (None, None))
    if source is not snapshot.table or pristine is None:
        pristine = _build_dataset(snapshot)
        _DATASETS[key] = (snapshot.table, pristine)
    return copy.deepcopy(pristine)


def _build_dataset(snapshot: Snapshot) -> datasets.Dataset:
    import datasets
    from datasets.table import InMemoryTable

    features = datasets.Features.from_arrow_schema(snapshot.table.schema)
    # datasets names list items "item", Parquet "element": cast once here, not in every Dataset().
    table = snapshot.table.cast(features.arrow_schema)
    dataset_info = _dataset_info(snapshot.corpus, snapshot.manifest, features)
    digest = snapshot.manifest.fingerprint.removeprefix("sha256:")
    return datasets.Dataset(InMemoryTable(table), info=dataset_info, split=datasets.Split.TRAIN, fingerprint=digest)


def _dataset_info(corpus: Corpus, meta: Manifest, features: datasets.Features) -> datasets.DatasetInfo:
    import datasets

    info = corpus.info
    return datasets.DatasetInfo(
        description=f"{info.description}\n\nPin: {info.pin(meta)}\n",
        citation=info.citation,
        homepage=info.homepage or "",
        license=info.license,
        features=features,
        dataset_name=info.dataset_name,
        version=datasets.Version(meta.version),
    )


def _streamed(stream: Stream) -> datasets.IterableDataset:
    """An ``IterableDataset`` whose every iteration reads the snapshot again, verified as it reads."""
    import datasets
    from datasets.iterable_dataset import ArrowExamplesIterable

    from .streaming import generate_tables

    features = datasets.Features.from_arrow_schema(stream.schema)
    root = stream.corpus.root
    kwargs = {
        "version": stream.manifest.version,
        "path": None if root is None else str(root),
        "fingerprint": stream.manifest.fingerprint,
        "arrow_schema": features.arrow_schema,
    }
    info = _dataset_info(stream.corpus, stream.manifest, features)
    examples = ArrowExamplesIterable(generate_tables, kwargs)
    return datasets.IterableDataset(examples, info=info, split=datasets.Split.TRAIN)


def _mapped(stream: Stream, cache_dir: StrPath | None) -> datasets.Dataset:
    """A ``Dataset`` memory-mapping the snapshot's Arrow file (written once), its rows checked."""
    import datasets
    from datasets.table import MemoryMappedTable

    from .streaming import arrow_file, mapped_table

    features = datasets.Features.from_arrow_schema(stream.schema)
    file = arrow_file(stream, features.arrow_schema, cache_dir)
    table = MemoryMappedTable(mapped_table(file, stream, features.arrow_schema), str(file))
    info = _dataset_info(stream.corpus, stream.manifest, features)
    digest = stream.manifest.fingerprint.removeprefix("sha256:")
    return datasets.Dataset(table, info=info, split=datasets.Split.TRAIN, fingerprint=digest)


@overload
def load_corpus(
    version: str | None = None,
    *,
    path: StrPath | Corpus | None = None,
    fingerprint: str | None = None,
    source: Literal["package", "hub"] = "package",
    repo_id: StrPath | None = None,
    streaming: Literal[False] = False,
    memory_map: bool = False,
    cache_dir: StrPath | None = None,
) -> datasets.Dataset: ...


@overload
def load_corpus(
    version: str | None = None,
    *,
    path: StrPath | Corpus | None = None,
    fingerprint: str | None = None,
    source: Literal["package", "hub"] = "package",
    repo_id: StrPath | None = None,
    streaming: Literal[True],
    memory_map: bool = False,
    cache_dir: StrPath | None = None,
) -> datasets.IterableDataset: ...


def load_corpus(
    version: str | None = None,
    *,
    path: StrPath | Corpus | None = None,
    fingerprint: str | None = None,
    source: Literal["package", "hub"] = "package",
    repo_id: StrPath | None = None,
    streaming: bool = False,
    memory_map: bool = False,
    cache_dir: StrPath | None = None,
) -> datasets.Dataset | datasets.IterableDataset:
    """Load a corpus version as a ``datasets.Dataset`` with typed features, verified.

    In memory, streamed or memory-mapped: the README's "Corpora larger than memory" says which.

    Args:
        version: ``"1.0.0"`` exactly, ``"1.0"`` or ``"1"`` for the newest match, ``None`` for
            the newest (or, with *fingerprint*, the version it belongs to), or a pin string
            ``"venezuela-corpus==1.0.0@sha256:..."``.
        path: A corpus folder (``seeds/`` + ``snapshots/``, e.g. made by ``venezuela-corpus
            init``; ``str`` or ``os.PathLike``); ``None`` for the corpus shipped in this package.
        fingerprint: If given (``"sha256:..."`` or the bare hex digits), the rows must have it.
        source: ``"package"`` (offline, the snapshot on disk) or ``"hub"``.
        repo_id: The Hub dataset repository, or a local exported folder (``str`` or
            ``os.PathLike``), when ``source="hub"``.
        streaming: Return an ``IterableDataset`` that verifies as it reads (flat memory).
        memory_map: Return a ``Dataset`` memory-mapping an Arrow file of the snapshot.
        cache_dir: Where ``memory_map`` writes that file (default ``~/.cache/venezuela-corpus``).

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
    if streaming and memory_map:
        raise ValueError("pass streaming=True or memory_map=True, not both")
    if source == "hub" and (streaming or memory_map):
        raise ValueError("streaming and memory_map read a snapshot on disk: use them with source='package'")
    corpus = locate(path)
    resolved, fingerprint = resolve_pinned(version, fingerprint, path=corpus)
    if streaming or memory_map:
        from .streaming import open_stream

        stream = open_stream(resolved, path=corpus)
        _check_pinned(stream.manifest, fingerprint)
        return _streamed(stream) if streaming else _mapped(stream, cache_dir)
    if source == "hub":
        from .hub import load_from_hub

        return load_from_hub(repo_id, resolved, fingerprint, path=corpus)
    snapshot = open_snapshot(resolved, path=corpus)
    _check_pinned(snapshot.manifest, fingerprint)
    return _to_dataset(snapshot)


def _check_pinned(meta: Manifest, fingerprint: str | None) -> None:
    if fingerprint is not None and fingerprint != meta.fingerprint:
        raise IntegrityError(
            f"corpus {meta.version} has fingerprint {meta.fingerprint}, not the pinned {fingerprint}. "
            "Install the package release that shipped the pinned data."
        )
