"""An in-process double of the few ``HfApi`` methods :func:`venezuela_corpus.hub.publish` calls.

It keeps repositories the way the Hub does: commits (each a full tree of files) with their
parents, branches that move, tags that never move (moving one answers 409 Conflict), and
paths info that carries the LFS SHA-256 of files stored in LFS. Errors are real HTTP
responses (``httpx2.Response``) turned into exceptions by huggingface_hub's own
``hf_raise_for_status``, so publish sees exactly the exception types the Hub would give.
Everything else is the real :class:`huggingface_hub.HfApi` (pointed at an address that
cannot be reached, so a call this double does not answer fails loudly).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

import httpx2
from huggingface_hub import CommitInfo, CommitOperationAdd, CommitOperationDelete, HfApi
from huggingface_hub.hf_api import GitRefInfo, GitRefs, RepoFile, RepoUrl
from huggingface_hub.utils import hf_raise_for_status

ENDPOINT = "http://127.0.0.1:9"  # nothing listens there
GITATTRIBUTES = b"*.parquet filter=lfs diff=lfs merge=lfs -text\n"
LFS = (".parquet",)
"""Suffixes stored in LFS, as the Hub's default .gitattributes for datasets says."""


@dataclass
class Commit:
    oid: str
    parent: str | None
    message: str
    tree: dict[str, bytes]


@dataclass
class Repo:
    private: bool
    commits: dict[str, Commit] = field(default_factory=dict)
    branches: dict[str, str] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    tag_messages: dict[str, str | None] = field(default_factory=dict)


def _oid(*parts: object) -> str:
    return hashlib.sha1(json.dumps([str(p) for p in parts]).encode()).hexdigest()


def _blob(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()  # git's blob id


def fail(status: int, message: str, url: str, error_code: str | None = None) -> None:
    """Raise what huggingface_hub raises for this HTTP answer."""
    headers = {"X-Error-Message": message}
    if error_code:
        headers["X-Error-Code"] = error_code
    response = httpx2.Response(
        status, headers=headers, json={"error": message}, request=httpx2.Request("POST", f"{ENDPOINT}{url}")
    )
    hf_raise_for_status(response)
    raise AssertionError("hf_raise_for_status did not raise")  # pragma: no cover


class HubDouble(HfApi):
    """The Hub in memory; ``calls`` records each method called, ``failures`` makes one fail."""

    def __init__(self, token: str | None = None) -> None:
        super().__init__(endpoint=ENDPOINT, token=token)
        self.repos: dict[str, Repo] = {}
        self.calls: list[str] = []
        self.failures: dict[str, tuple[int, str]] = {}

    # --- helpers --------------------------------------------------------------------------

    def _call(self, name: str) -> None:
        self.calls.append(name)
        if name in self.failures:
            status, message = self.failures.pop(name)
            fail(status, message, f"/api/{name}")

    def _repo(self, repo_id: str, repo_type: str | None) -> Repo:
        assert repo_type == "dataset", repo_type
        if repo_id not in self.repos:
            fail(404, "Repository not found", f"/api/datasets/{repo_id}", "RepoNotFound")
        return self.repos[repo_id]

    def _resolve(self, repo: Repo, repo_id: str, revision: str | None) -> str:
        revision = revision or "main"
        for refs in (repo.branches, repo.tags):
            if revision in refs:
                return refs[revision]
        if revision in repo.commits:
            return revision
        fail(404, f"Invalid rev id: {revision}", f"/api/datasets/{repo_id}/revision/{revision}", "RevisionNotFound")
        raise AssertionError  # pragma: no cover

    def tree(self, repo_id: str, revision: str = "main") -> dict[str, bytes]:
        """The files of *repo_id* at *revision* (for the tests' own checks)."""
        repo = self.repos[repo_id]
        return repo.commits[self._resolve(repo, repo_id, revision)].tree

    # --- the HfApi methods publish calls ---------------------------------------------------

    def create_repo(  # type: ignore[override]
        self,
        repo_id: str,
        *,
        token: Any = None,
        private: bool | None = None,
        repo_type: str | None = None,
        exist_ok: bool = False,
        **_: Any,
    ) -> RepoUrl:
        self._call("create_repo")
        assert repo_type == "dataset", repo_type
        if repo_id in self.repos:
            if not exist_ok:
                fail(409, "You already created this dataset repo", "/api/repos/create")
        else:
            repo = Repo(private=bool(private))
            first = Commit(_oid(repo_id, "initial"), None, "initial commit", {".gitattributes": GITATTRIBUTES})
            repo.commits[first.oid] = first
            repo.branches["main"] = first.oid
            self.repos[repo_id] = repo
        return RepoUrl(f"{ENDPOINT}/datasets/{repo_id}", endpoint=ENDPOINT)

    def list_repo_refs(  # type: ignore[override]
        self, repo_id: str, *, repo_type: str | None = None, include_pull_requests: bool = False, token: Any = None
    ) -> GitRefs:
        self._call("list_repo_refs")
        repo = self._repo(repo_id, repo_type)
        return GitRefs(
            branches=[GitRefInfo(name, f"refs/heads/{name}", oid) for name, oid in repo.branches.items()],
            converts=[],
            tags=[GitRefInfo(name, f"refs/tags/{name}", oid) for name, oid in repo.tags.items()],
        )

    def get_paths_info(  # type: ignore[override]
        self,
        repo_id: str,
        paths: list[str] | str,
        *,
        expand: bool = False,
        revision: str | None = None,
        repo_type: str | None = None,
        token: Any = None,
    ) -> list[RepoFile]:
        self._call("get_paths_info")
        repo = self._repo(repo_id, repo_type)
        tree = repo.commits[self._resolve(repo, repo_id, revision)].tree
        found = []
        for path in [paths] if isinstance(paths, str) else paths:
            if path in tree:
                data = tree[path]
                lfs = {"size": len(data), "oid": hashlib.sha256(data).hexdigest(), "pointerSize": 134}
                found.append(
                    RepoFile(path=path, size=len(data), oid=_blob(data), lfs=lfs if path.endswith(LFS) else None)
                )
        return found

    def create_commit(  # type: ignore[override]
        self,
        repo_id: str,
        operations: Any,
        *,
        commit_message: str,
        commit_description: str | None = None,
        token: Any = None,
        repo_type: str | None = None,
        revision: str | None = None,
        create_pr: bool | None = None,
        num_threads: int = 5,
        parent_commit: str | None = None,
        run_as_future: bool = False,
    ) -> CommitInfo:
        self._call("create_commit")
        repo = self._repo(repo_id, repo_type)
        branch = revision or "main"
        if branch not in repo.branches:
            fail(404, f"Invalid rev id: {branch}", f"/api/datasets/{repo_id}/commit/{branch}", "RevisionNotFound")
        head = repo.branches[branch]
        if parent_commit is not None and parent_commit != head:
            fail(412, "A commit has happened since. Please refresh and try again.", f"/api/datasets/{repo_id}/commit")
        tree = dict(repo.commits[head].tree)
        for op in operations:
            if isinstance(op, CommitOperationAdd):
                with op.as_file() as fh:
                    tree[op.path_in_repo] = fh.read()
            elif isinstance(op, CommitOperationDelete):
                tree.pop(op.path_in_repo, None)
            else:  # pragma: no cover - publish makes no other kind
                raise AssertionError(op)
        oid = head
        if tree != repo.commits[head].tree:  # like huggingface_hub, no empty commit
            oid = _oid(repo_id, head, commit_message, sorted((k, _blob(v)) for k, v in tree.items()))
            repo.commits[oid] = Commit(oid, head, commit_message, tree)
            repo.branches[branch] = oid
        return CommitInfo(
            commit_url=f"{ENDPOINT}/datasets/{repo_id}/commit/{oid}",
            commit_message=commit_message,
            commit_description=commit_description or "",
            oid=oid,
        )

    def create_tag(  # type: ignore[override]
        self,
        repo_id: str,
        *,
        tag: str,
        tag_message: str | None = None,
        revision: str | None = None,
        token: Any = None,
        repo_type: str | None = None,
        exist_ok: bool = False,
    ) -> None:
        self._call("create_tag")
        repo = self._repo(repo_id, repo_type)
        target = self._resolve(repo, repo_id, revision)
        if tag in repo.tags:
            if not exist_ok:
                fail(409, f"Tag reference refs/tags/{tag} already exists", f"/api/datasets/{repo_id}/tag/main")
            return
        repo.tags[tag] = target
        repo.tag_messages[tag] = tag_message

    def create_branch(  # type: ignore[override]
        self,
        repo_id: str,
        *,
        branch: str,
        revision: str | None = None,
        token: Any = None,
        repo_type: str | None = None,
        exist_ok: bool = False,
    ) -> None:
        self._call("create_branch")
        repo = self._repo(repo_id, repo_type)
        if branch in repo.branches:
            if not exist_ok:
                fail(409, f"Reference refs/heads/{branch} already exists", f"/api/datasets/{repo_id}/branch/{branch}")
            return
        repo.branches[branch] = self._resolve(repo, repo_id, revision)

    def delete_branch(  # type: ignore[override]
        self, repo_id: str, *, branch: str, token: Any = None, repo_type: str | None = None
    ) -> None:
        self._call("delete_branch")
        repo = self._repo(repo_id, repo_type)
        if branch not in repo.branches or branch == "main":
            fail(
                404 if branch != "main" else 403, f"cannot delete {branch}", f"/api/datasets/{repo_id}/branch/{branch}"
            )
        del repo.branches[branch]
