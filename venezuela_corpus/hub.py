"""The Hugging Face Hub: the exact repository folder, upload, tags, load back.

The only module that talks to the network; everything before the upload is local files.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .api import check_rows, descr_text, manifest, snapshots_root, versions
from .atomic import write_bytes
from .card import DATA_PATH, TERMS_FILE, body, croissant, front_matter
from .errors import IntegrityError, PublishError
from .store import DATA_FILE, file_entry, read_table, read_verified, resolve

if TYPE_CHECKING:
    import datasets

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


def export_hub(folder: Path, version: str | None = None, *, repo_id: str = DEFAULT_REPO) -> list[HubFile]:
    """Write the exact Hub repository contents of a corpus version into *folder*.

    ``data/train.parquet`` (the verified snapshot bytes), ``README.md`` (the dataset card),
    ``croissant.json`` and ``TERMS.md``.
    """
    import yaml
    from datasets import Features

    root = snapshots_root()
    resolved = resolve(root, version)
    snap = root.joinpath(resolved)
    meta, table = read_table(snap)
    data = read_verified(snap, DATA_FILE, meta.files[DATA_FILE])
    pins = [manifest(v).pin for v in versions()]
    matter = front_matter(meta, Features.from_arrow_schema(table.schema)._to_yaml_list(), len(data))
    card = (
        "---\n"
        + yaml.safe_dump(matter, sort_keys=False, allow_unicode=True)
        + "---\n"
        + body(meta, table.to_pylist(), repo_id, pins)
    )
    croissant_doc = croissant(meta, meta.rows, meta.files[DATA_FILE]["sha256"], repo_id)  # data was verified
    outputs = {
        DATA_PATH: data,
        "README.md": card.encode(),
        "croissant.json": (json.dumps(croissant_doc, indent=2, ensure_ascii=False) + "\n").encode(),
        TERMS_FILE: descr_text(TERMS_FILE).encode(),
    }
    for name, payload in outputs.items():
        write_bytes(folder / name, payload)
    return hub_files(folder)


def hub_files(folder: Path) -> list[HubFile]:
    """The files of an exported folder, sorted, with sizes and SHA-256."""
    paths = [p for p in sorted(folder.rglob("*")) if p.is_file() and not p.name.startswith(".")]
    return [HubFile(p.relative_to(folder).as_posix(), (e := file_entry(p))["size"], e["sha256"]) for p in paths]


def resolve_token(token: str | None) -> str | None:
    """The token from the argument, ``HF_TOKEN``, or the saved login, in that order."""
    if token:
        return token
    if os.environ.get("HF_TOKEN"):
        return os.environ["HF_TOKEN"]
    from huggingface_hub import get_token

    return get_token()


def scrub(text: str, token: str | None) -> str:
    """*text* with the token replaced, so it never reaches output, logs or exceptions."""
    return text.replace(token, "***") if token else text


def publish(
    repo_id: str,
    version: str | None = None,
    *,
    token: str | None = None,
    private: bool = False,
    dry_run: bool = False,
) -> PublishResult:
    """Publish a corpus version to the Hub: one commit titled with the version, tag ``v<version>``.

    Idempotent: an existing tag with the same data changes nothing; an existing tag with other
    data is never moved (:class:`PublishError`). ``dry_run`` uses no network and no token.
    """
    resolved = resolve(snapshots_root(), version)
    tag = f"v{resolved}"
    with tempfile.TemporaryDirectory(prefix="venezuela-corpus-hub-") as tmp:
        files = tuple(export_hub(Path(tmp), resolved, repo_id=repo_id))
        if dry_run:
            return PublishResult(repo_id, resolved, tag, files, "dry-run")
        secret = resolve_token(token)
        if not secret:
            raise PublishError("no Hugging Face token: pass --token, set HF_TOKEN, or run `hf auth login`")
        try:
            return _upload(
                repo_id, version=resolved, tag=tag, folder=Path(tmp), files=files, token=secret, private=private
            )
        except PublishError:
            raise
        except Exception as exc:
            raise PublishError(f"publishing {repo_id} {tag} failed: {scrub(str(exc), secret)}") from None


def _upload(
    repo_id: str, *, version: str, tag: str, folder: Path, files: tuple[HubFile, ...], token: str, private: bool
) -> PublishResult:
    from huggingface_hub import HfApi

    api = HfApi(token=token)
    api.create_repo(repo_id, repo_type=REPO_TYPE, private=private, exist_ok=True)
    tags = {ref.name for ref in api.list_repo_refs(repo_id, repo_type=REPO_TYPE).tags}
    data_sha = next(f.sha256 for f in files if f.path == DATA_PATH)
    if tag in tags:
        (remote,) = api.get_paths_info(repo_id, [DATA_PATH], revision=tag, repo_type=REPO_TYPE)
        remote_sha = getattr(getattr(remote, "lfs", None), "sha256", None)
        if remote_sha == data_sha:
            return PublishResult(repo_id, version, tag, files, "unchanged")
        raise PublishError(
            f"tag {tag} already exists on {repo_id} with other data ({remote_sha}); "
            "tags are never moved: release a new corpus version"
        )
    commit = api.upload_folder(
        repo_id=repo_id, folder_path=folder, repo_type=REPO_TYPE, commit_message=f"venezuela-corpus {version}"
    )
    oid = getattr(commit, "oid", None)
    api.create_tag(repo_id, tag=tag, revision=oid, repo_type=REPO_TYPE, tag_message=manifest(version).pin)
    return PublishResult(repo_id, version, tag, files, "published", oid)


def load_from_hub(repo_id: str | None, version: str | None, fingerprint: str | None) -> datasets.Dataset:
    """Load a tagged version from the Hub (or a local exported folder), verified.

    The rows must have the fingerprint the package's manifest records for that version.
    """
    import datasets

    if not repo_id:
        raise ValueError("source='hub' needs repo_id (a Hub dataset id or an exported folder)")
    resolved = resolve(snapshots_root(), version)
    expected = manifest(resolved).fingerprint
    if fingerprint is not None and fingerprint != expected:
        raise IntegrityError(f"corpus {resolved} has fingerprint {expected}, not the pinned {fingerprint}")
    local = Path(repo_id).is_dir()
    ds = datasets.load_dataset(repo_id, split="train", revision=None if local else f"v{resolved}")
    check_rows(ds.data.table, expected, f"{repo_id}@v{resolved}")
    ds.info.version = datasets.Version(resolved, description=expected)
    return ds
