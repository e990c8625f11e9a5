"""The Hugging Face Hub: the exact repository folder, upload, tags, load back.

The only module that talks to the network; everything before the upload is local files.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .api import resolve_pinned
from .atomic import alive, move_folder, write_bytes, write_errors
from .card import DATA_PATH, TERMS_FILE, body, croissant, front_matter, terms
from .errors import IntegrityError, PublishError, VersionNotFoundError, WriteError
from .paths import StrPath, as_path
from .store import (
    DATA_FILE,
    Snapshot,
    check_rows,
    list_versions,
    open_snapshot,
    parse_version,
    read_manifest,
    sha256_bytes,
    snapshot_folder,
)

if TYPE_CHECKING:
    import datasets
    from huggingface_hub import HfApi

    from .corpus import Corpus

DEFAULT_REPO = "venezuela-corpus/venezuela-corpus"
REPO_TYPE = "dataset"


@dataclass(frozen=True)
class HubFile:
    """One file of the Hub repository."""

    path: str
    size: int
    sha256: str


@dataclass(frozen=True)
class PublishResult:
    """What :func:`publish` did (or, with ``dry_run``, would do)."""

    repo_id: str
    version: str
    tag: str
    files: tuple[HubFile, ...]
    action: str  # "dry-run", "published" or "unchanged"
    commit: str | None = None


def check_repo_id(repo_id: str) -> None:
    """Raise :class:`PublishError` unless *repo_id* is a valid Hub repository id.

    >>> check_repo_id("bad id/x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    venezuela_corpus.errors.PublishError: not a Hub repository id: 'bad id/x'; expected ...
    """
    from huggingface_hub.utils import validate_repo_id  # type: ignore[attr-defined]  # - public, not in __all__

    if not isinstance(repo_id, str):
        raise TypeError(f"repo_id must be a string such as 'my-org/venezuela-corpus', not {type(repo_id).__name__}")
    try:
        validate_repo_id(repo_id)
    except ValueError as exc:  # HFValidationError
        raise PublishError(
            f"not a Hub repository id: {repo_id!r}; expected 'name' or 'namespace/name' of letters, "
            f"digits, '-', '_' and '.', e.g. my-org/venezuela-corpus ({exc})"
        ) from None


def hub_contents(
    version: str | None = None, repo_id: str = DEFAULT_REPO, *, path: StrPath | Corpus | None = None
) -> dict[str, bytes]:
    """The exact files of the Hub repository of a corpus version: path -> bytes, sorted by path.

    ``data/train.parquet`` (the verified snapshot bytes), ``README.md`` (the dataset card),
    ``croissant.json`` and ``TERMS.md``. *path* names a corpus folder (default: the package's own).
    """
    import yaml

    check_repo_id(repo_id)
    snapshot = open_snapshot(version, path=path, keep_data=True)
    assert snapshot.data is not None  # kept, as asked: read and hashed once
    card = (
        "---\n"
        + yaml.safe_dump(front_matter(snapshot, dataset_info(snapshot)), sort_keys=False, allow_unicode=True)
        + "---\n"
        + body(snapshot, repo_id, pins(snapshot.corpus))
    )
    outputs = {
        DATA_PATH: snapshot.data,
        "README.md": card.encode(),
        "croissant.json": (json.dumps(croissant(snapshot, repo_id), indent=2, ensure_ascii=False) + "\n").encode(),
        TERMS_FILE: terms(snapshot.corpus).encode(),
    }
    return dict(sorted(outputs.items()))


def pins(corpus: Corpus) -> list[str]:
    """The pin of every version of *corpus*, oldest first."""
    return [corpus.info.pin(read_manifest(corpus.snapshots.joinpath(v))) for v in list_versions(corpus.snapshots)]


def dataset_info(snapshot: Snapshot) -> dict[str, object]:
    """The card's ``dataset_info`` (features, split sizes), as ``datasets`` writes it for the Hub.

    The sizes follow ``push_to_hub``: a split's ``num_bytes`` (and ``dataset_size``) is the
    size of its rows in Arrow memory, ``download_size`` that of the Parquet file uploaded.
    """
    import datasets
    from datasets.info import DatasetInfosDict
    from huggingface_hub import DatasetCardData

    parquet = snapshot.manifest.files[DATA_FILE]["size"]  # the data file was verified against it
    arrow = snapshot.table.nbytes
    splits = datasets.SplitDict()
    splits.add(datasets.SplitInfo("train", num_bytes=arrow, num_examples=snapshot.manifest.rows))
    info = datasets.DatasetInfo(
        features=datasets.Features.from_arrow_schema(snapshot.table.schema),
        splits=splits,
        download_size=parquet,
        dataset_size=arrow,
    )
    card_data = DatasetCardData()
    DatasetInfosDict({"default": info}).to_dataset_card_data(card_data)
    found: dict[str, object] = card_data.get("dataset_info")
    return found


def export_hub(
    folder: StrPath,
    version: str | None = None,
    *,
    repo_id: str = DEFAULT_REPO,
    overwrite: bool = False,
    path: StrPath | Corpus | None = None,
) -> list[HubFile]:
    """Write the exact Hub repository contents of a corpus version into *folder*.

    The files are written into a fresh temporary folder beside *folder*, which then takes its
    place, so *folder* holds exactly these files (see :func:`hub_contents`) and nothing else.

    Args:
        folder: A new or empty folder (``str`` or ``os.PathLike``).
        version: The corpus version (default: the newest).
        repo_id: The Hub repository the card and ``croissant.json`` point at.
        overwrite: Replace a non-empty *folder* (never the current folder, one of its parents,
            or a git checkout).
        path: A corpus folder (default: the corpus shipped in this package).

    Returns:
        What was written, sorted by path.

    Raises:
        PublishError: *folder* is not empty (without *overwrite*), or cannot be replaced.

    """
    target = as_path(folder, "folder")
    outputs = hub_contents(version, repo_id, path=path)
    _check_target(target, overwrite)
    real = Path(os.path.realpath(target)) if target.is_symlink() else target  # a link stays a link
    _sweep(real)
    tmp = real.parent / f".{real.name}.tmp-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    try:
        for name, payload in outputs.items():
            try:
                write_bytes(tmp / name, payload)
            except WriteError as exc:  # name the file the user asked for, not the temporary one
                raise WriteError(target / name, exc.__cause__ or exc) from exc
        with write_errors(target):
            _swap(tmp, real)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [HubFile(name, len(payload), sha256_bytes(payload)) for name, payload in outputs.items()]


def _check_target(target: Path, overwrite: bool) -> None:
    if target.exists() and not target.is_dir():
        raise PublishError(f"{target} is a file, not a folder: choose a new or empty folder")
    entries = sorted(p.name for p in target.iterdir()) if target.is_dir() else []
    if not entries:
        return
    if not overwrite:
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise PublishError(
            f"{target} is not empty ({len(entries)} entries: {shown}): choose a new or empty folder, "
            "or pass --force to replace its contents"
        )
    here = Path.cwd().resolve()
    resolved = target.resolve()
    if resolved == here or resolved in here.parents or (target / ".git").exists():
        raise PublishError(
            f"will not replace {target}: it is the current folder, one of its parents, or a git checkout; "
            "export into a new folder"
        )


def _sweep(target: Path) -> None:
    """Remove the temporary folders of *target* left by a killed export; put back a folder it had moved."""
    left = re.compile(rf"\.{re.escape(target.name)}\.(?P<kind>tmp|old)-(?P<pid>\d+)-[0-9a-f]{{8}}")
    with contextlib.suppress(OSError):
        for entry in sorted(target.parent.iterdir(), key=lambda p: p.name):
            found = left.fullmatch(entry.name)
            if found is None or alive(int(found["pid"])):
                continue
            if found["kind"] == "old" and not os.path.lexists(target):
                move_folder(entry, target)  # killed between moving the old folder away and the new one in
            elif entry.is_symlink() or not entry.is_dir():
                entry.unlink()
            else:
                shutil.rmtree(entry, ignore_errors=True)


def _swap(tmp: Path, target: Path) -> None:
    """Put the finished folder *tmp* in the place of *target* (absent, empty or replaced)."""
    if target.is_dir() and not any(target.iterdir()):
        target.rmdir()
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        move_folder(tmp, target)
        return
    old = target.parent / f".{target.name}.old-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    move_folder(tmp, target, old)
    shutil.rmtree(old, ignore_errors=True)


def resolve_token(token: str | None) -> str | None:
    """The token from the argument, ``HF_TOKEN``, or the saved login, in that order."""
    if token:
        return token
    if os.environ.get("HF_TOKEN"):
        return os.environ["HF_TOKEN"]
    from huggingface_hub import get_token

    return get_token()


def scrub(text: str, token: str | None) -> str:
    """*text* with the token replaced, so it never reaches output, logs or exceptions.

    >>> scrub("401: token hf_abc is invalid", "hf_abc")
    '401: token *** is invalid'
    """
    return text.replace(token, "***") if token else text


def publish(
    repo_id: str = DEFAULT_REPO,
    version: str | None = None,
    *,
    token: str | None = None,
    private: bool = False,
    dry_run: bool = False,
    api: HfApi | None = None,
    path: StrPath | Corpus | None = None,
) -> PublishResult:
    """Publish a corpus version to the Hub: one commit titled with the version, tag ``v<version>``.

    Idempotent: an existing tag with the same data changes nothing; an existing tag with other
    data is never moved (:class:`PublishError`). A version older than one already tagged is
    committed beside ``main`` (on a short-lived branch) and tagged, so ``main`` keeps the newest
    data. ``dry_run`` uses no network and no token.

    Args:
        repo_id: The Hub dataset repository.
        version: The corpus version (default: the newest).
        token: A Hub token (default: ``HF_TOKEN``, then the saved login); never printed.
        private: Create the repository as private.
        dry_run: Only export and list the files.
        api: The ``HfApi`` to use (default: ``HfApi(token=token)``).
        path: A corpus folder (default: the corpus shipped in this package).

    """
    check_repo_id(repo_id)
    corpus, found = snapshot_folder(version, path=path)
    resolved, pin = found.name, corpus.info.pin(read_manifest(found))
    tag = f"v{resolved}"
    with tempfile.TemporaryDirectory(prefix="venezuela-corpus-hub-") as tmp:
        folder = Path(tmp) / "repo"
        files = tuple(export_hub(folder, resolved, repo_id=repo_id, path=corpus))
        if dry_run:
            return PublishResult(repo_id, resolved, tag, files, "dry-run")
        secret = resolve_token(token)
        if not secret:
            raise PublishError("no Hugging Face token: pass --token, set HF_TOKEN, or run `hf auth login`")
        try:
            if api is None:
                from huggingface_hub import HfApi

                api = HfApi(token=secret)
            return _upload(api, repo_id, pin, version=resolved, folder=folder, files=files, private=private)
        except PublishError as exc:
            raise PublishError(scrub(str(exc), secret)) from None
        except Exception as exc:
            raise PublishError(f"publishing {repo_id} {tag} failed: {scrub(str(exc), secret)}") from None


def _tagged_versions(tags: Iterable[str]) -> list[tuple[int, int, int]]:
    """The corpus versions among a repository's tag names (``v1.0.0`` -> ``(1, 0, 0)``)."""
    found = []
    for name in tags:
        with contextlib.suppress(ValueError):
            found.append(parse_version(name.removeprefix("v")))
    return found


def _upload(
    api: HfApi, repo_id: str, pin: str, *, version: str, folder: Path, files: tuple[HubFile, ...], private: bool
) -> PublishResult:
    from huggingface_hub import CommitOperationAdd

    tag = f"v{version}"
    api.create_repo(repo_id, repo_type=REPO_TYPE, private=private, exist_ok=True)
    tags = {ref.name for ref in api.list_repo_refs(repo_id, repo_type=REPO_TYPE).tags}
    if tag in tags:
        return _already_tagged(api, repo_id, version, files)
    operations = [CommitOperationAdd(f.path, str(folder / f.path)) for f in files]
    message = f"venezuela-corpus {version}"
    newer = [v for v in _tagged_versions(tags) if v > parse_version(version)]
    if not newer:
        commit = api.create_commit(repo_id, operations, commit_message=message, repo_type=REPO_TYPE, revision="main")
    else:  # main keeps the newest data: commit beside it, tag that commit, drop the branch
        branch = f"publish-{tag}"
        api.create_branch(repo_id, branch=branch, repo_type=REPO_TYPE, exist_ok=True)
        try:
            commit = api.create_commit(
                repo_id, operations, commit_message=message, repo_type=REPO_TYPE, revision=branch
            )
        finally:
            api.delete_branch(repo_id, branch=branch, repo_type=REPO_TYPE)
    api.create_tag(repo_id, tag=tag, revision=commit.oid, repo_type=REPO_TYPE, tag_message=pin)
    return PublishResult(repo_id, version, tag, files, "published", commit.oid)


def _already_tagged(api: HfApi, repo_id: str, version: str, files: tuple[HubFile, ...]) -> PublishResult:
    """Unchanged if the tag holds this version's data; otherwise an error: tags never move."""
    tag = f"v{version}"
    data_sha = next(f.sha256 for f in files if f.path == DATA_PATH)
    remote = api.get_paths_info(repo_id, [DATA_PATH], revision=tag, repo_type=REPO_TYPE)
    lfs = getattr(remote[0], "lfs", None) if remote else None  # a RepoFile stored in LFS
    remote_sha = lfs.sha256 if lfs is not None else None
    if remote_sha == data_sha:
        return PublishResult(repo_id, version, tag, files, "unchanged")
    held = f"data with SHA-256 {remote_sha}" if remote_sha else f"no LFS file {DATA_PATH}"
    raise PublishError(
        f"tag {tag} already exists on {repo_id} with other data ({held}, this version's is {data_sha}); "
        "tags are never moved: release a new corpus version"
    )


def _revision_missing(exc: BaseException) -> bool:
    """Whether *exc* or one of its causes is huggingface_hub's ``RevisionNotFoundError``."""
    from huggingface_hub.errors import RevisionNotFoundError

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, RevisionNotFoundError):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


_AGAIN = "Export or publish that version again (`venezuela-corpus export-hub` or `publish`)"


def _unreadable_data(exc: BaseException, local: bool) -> bool:
    """Whether *exc* says the repository's data is not a readable copy of the corpus.

    ``datasets``' checks of the files (split sizes, checksums, Parquet that does not parse),
    or, for an exported folder, any error (a missing data file); a repository that does not
    exist or a network failure is not that.
    """
    from datasets.exceptions import DatasetNotFoundError, DatasetsError

    if isinstance(exc, DatasetNotFoundError):
        return False
    return local or isinstance(exc, DatasetsError)


def expected_features() -> datasets.Features:
    """The Features every load of the corpus has, from the package's schema."""
    import datasets

    from .schema import arrow_schema

    return datasets.Features.from_arrow_schema(arrow_schema())


def load_from_hub(
    repo_id: StrPath | None, version: str | None, fingerprint: str | None, *, path: StrPath | Corpus | None = None
) -> datasets.Dataset:
    """Load a tagged version from the Hub (or a local exported folder), verified.

    The features must be exactly the schema's, and the rows must have the fingerprint the
    corpus's manifest records for that version (*path*: a corpus folder; default: the
    package's own corpus).

    Raises:
        VersionNotFoundError: the repository has no tag ``v<version>``.
        IntegrityError: other features or other rows than the version's.

    """
    import datasets

    if not repo_id:
        raise ValueError("source='hub' needs repo_id (a Hub dataset id or an exported folder)")
    if not isinstance(repo_id, str):
        repo_id = str(as_path(repo_id, "repo_id"))  # a local exported folder
    resolved, fingerprint = resolve_pinned(version, fingerprint, path=path)
    _, folder = snapshot_folder(resolved, path=path)
    expected = read_manifest(folder).fingerprint
    local = Path(repo_id).is_dir()
    where = f"{repo_id}@v{resolved}"
    try:
        with tempfile.TemporaryDirectory(prefix="venezuela-corpus-load-") as scratch:
            # datasets caches a local folder under its name alone, not its contents: a folder
            # would get another one's cached rows. Read it afresh, in memory, and keep no cache.
            fresh: dict[str, Any] = {"cache_dir": scratch, "keep_in_memory": True} if local else {}
            ds = datasets.load_dataset(repo_id, split="train", revision=None if local else f"v{resolved}", **fresh)
    except Exception as exc:
        if _revision_missing(exc):
            raise VersionNotFoundError(
                f"{repo_id} on the Hub has no tag v{resolved}: publish that version there, "
                "or load one of the repository's tags"
            ) from None
        if _unreadable_data(exc, local):
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            raise IntegrityError(
                f"{where}: its data cannot be read as the corpus ({type(exc).__name__}: {reason[:300]}). {_AGAIN}."
            ) from exc
        raise
    if ds.features != (schema := expected_features()):
        differ = sorted(k for k in {*schema, *ds.features} if schema.get(k) != ds.features.get(k))
        shown = "; ".join(f"{k}: {ds.features.get(k)} (expected {schema.get(k)})" for k in differ[:5])
        raise IntegrityError(f"{where}: features differ from the corpus schema: {shown}. {_AGAIN}.")
    if list(ds.features) != list(schema):
        raise IntegrityError(f"{where}: columns are not in the schema's order {', '.join(schema)}. {_AGAIN}.")
    check_rows(ds.data.table, expected, where, _AGAIN)
    ds.info.version = datasets.Version(resolved)
    return ds
