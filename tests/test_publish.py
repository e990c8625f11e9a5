"""Publishing end to end against an in-process double of the Hub (tests/hubdouble.py), and
loading back: exact features, missing tags, independent DatasetInfo, isolated settings.

Everything up to the HfApi methods is the real huggingface_hub (CommitOperationAdd, RepoFile,
GitRefs, hf_raise_for_status and its HTTP errors).
"""

from __future__ import annotations

import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

import pyarrow as pa
import pytest
from huggingface_hub.hf_api import RepoFile, RepoFolder

import venezuela_corpus as vc
from venezuela_corpus.card import DATA_PATH
from venezuela_corpus.errors import IntegrityError, PublishError
from venezuela_corpus.hub import PublishResult, expected_features, export_hub, hub_contents, publish, scrub

from .conftest import HF_HOME, ROOT
from .hubdouble import GITATTRIBUTES, HubDouble, fail

REPO = "someone/venezuela-corpus"
TOKEN = "hf_SECRETtoken1234567890abcdefghijkl"
RELEASED = json.loads((ROOT / "tests" / "released.json").read_text())
"""The released fingerprints, pinned by hand (not read from the snapshots under test)."""


@pytest.fixture
def hub() -> HubDouble:
    return HubDouble(token=TOKEN)


def _publish(hub: HubDouble, version: str) -> PublishResult:
    return publish(REPO, version, token=TOKEN, api=hub)


def _expected(version: str) -> dict[str, bytes]:
    return {".gitattributes": GITATTRIBUTES, **hub_contents(version, REPO)}


# --- publish ----------------------------------------------------------------------------


def test_publish_makes_one_commit_and_a_tag(hub: HubDouble) -> None:
    result = _publish(hub, "1.0.0")
    assert result.action == "published" and result.tag == "v1.0.0"
    repo = hub.repos[REPO]
    assert repo.tags == {"v1.0.0": result.commit} and repo.branches == {"main": result.commit}
    assert hub.tree(REPO, "v1.0.0") == _expected("1.0.0")
    assert repo.commits[result.commit].message == "venezuela-corpus 1.0.0"
    assert repo.tag_messages == {"v1.0.0": f"venezuela-corpus==1.0.0@{RELEASED['1.0.0']}"}  # the pin
    assert result == PublishResult(REPO, "1.0.0", "v1.0.0", result.files, "published", result.commit)
    assert len(repo.commits) == 2  # the repository's first commit, then ours
    assert hub.calls == ["create_repo", "list_repo_refs", "create_commit", "create_tag"]


def test_republish_unchanged_makes_no_commit(hub: HubDouble) -> None:
    first = _publish(hub, "1.0.0")
    commits = dict(hub.repos[REPO].commits)
    hub.calls.clear()
    again = _publish(hub, "1.0.0")
    assert again == PublishResult(REPO, "1.0.0", "v1.0.0", first.files, "unchanged", None)
    assert hub.repos[REPO].commits == commits and hub.repos[REPO].tags == {"v1.0.0": first.commit}
    assert "create_commit" not in hub.calls and "create_tag" not in hub.calls


def test_publish_a_newer_version_moves_main_and_keeps_the_old_tag(hub: HubDouble) -> None:
    old = _publish(hub, "1.0.0")
    new = _publish(hub, "1.0.1")
    repo = hub.repos[REPO]
    assert new.action == "published" and new.commit != old.commit
    assert repo.commits[new.commit].parent == old.commit
    assert repo.branches == {"main": new.commit} and repo.tags == {"v1.0.0": old.commit, "v1.0.1": new.commit}
    assert hub.tree(REPO, "main") == _expected("1.0.1")
    assert hub.tree(REPO, "v1.0.0")[DATA_PATH] == hub_contents("1.0.0", REPO)[DATA_PATH]
    assert hub.tree(REPO, "v1.0.0")[DATA_PATH] != hub.tree(REPO, "v1.0.1")[DATA_PATH]  # a changed file


def test_publish_an_older_version_after_a_newer_only_tags_it(hub: HubDouble) -> None:
    new = _publish(hub, "1.0.1")
    old = _publish(hub, "1.0.0")
    repo = hub.repos[REPO]
    assert old.action == "published"
    assert repo.branches == {"main": new.commit}  # main not moved back; the helper branch is gone
    assert hub.tree(REPO, "main") == _expected("1.0.1")
    assert repo.tags["v1.0.0"] == old.commit != new.commit
    assert hub.tree(REPO, "v1.0.0")[DATA_PATH] == hub_contents("1.0.0", REPO)[DATA_PATH]
    assert repo.commits[old.commit].message == "venezuela-corpus 1.0.0"
    assert repo.tag_messages["v1.0.0"] == f"venezuela-corpus==1.0.0@{RELEASED['1.0.0']}"
    assert _publish(hub, "1.0.0").action == "unchanged"


def test_publish_an_older_version_past_a_branch_a_killed_publish_left(hub: HubDouble) -> None:
    new = _publish(hub, "1.0.1")
    hub.repos[REPO].branches["publish-v1.0.0"] = new.commit  # the helper branch of a publish killed mid-way
    old = _publish(hub, "1.0.0")
    assert old.action == "published" and hub.repos[REPO].branches == {"main": new.commit}
    assert hub.tree(REPO, "v1.0.0")[DATA_PATH] == hub_contents("1.0.0", REPO)[DATA_PATH]


def test_a_dry_run_result_names_what_would_be_published() -> None:
    result = publish(REPO, "1.0.0", dry_run=True)
    assert result == PublishResult(REPO, "1.0.0", "v1.0.0", result.files, "dry-run", None)
    assert [f.path for f in result.files] == sorted(hub_contents("1.0.0", REPO))


def test_a_tag_taken_by_other_data_is_never_moved(hub: HubDouble) -> None:
    old = _publish(hub, "1.0.0")
    hub.repos[REPO].tags["v1.0.1"] = old.commit  # someone tagged 1.0.0's data as v1.0.1
    commits = dict(hub.repos[REPO].commits)
    data_sha = next(f.sha256 for f in old.files if f.path == DATA_PATH)
    with pytest.raises(PublishError, match=rf"tag v1\.0\.1 already exists on {REPO} with other data .*{data_sha}"):
        _publish(hub, "1.0.1")
    assert hub.repos[REPO].tags["v1.0.1"] == old.commit and hub.repos[REPO].commits == commits


class _Stored(HubDouble):
    """The Hub, where the tagged data file is stored outside LFS, or is a folder."""

    def __init__(self, kind: str) -> None:
        super().__init__(token=TOKEN)
        self.kind = kind

    def get_paths_info(self, *args: Any, **kwargs: Any) -> list[Any]:
        found = super().get_paths_info(*args, **kwargs)
        if self.kind == "folder":
            return [RepoFolder(path=f.path, oid=f.blob_id) for f in found]
        return [RepoFile(path=f.path, size=f.size, oid=f.blob_id, lfs=None) for f in found]


@pytest.mark.parametrize("kind", ["no data", "not in LFS", "folder"])
def test_a_tag_that_holds_no_data_of_this_version_is_never_moved(kind: str) -> None:
    hub = HubDouble(token=TOKEN) if kind == "no data" else _Stored(kind)
    if kind == "no data":
        hub.create_repo(REPO, repo_type="dataset")  # the tag names the repository's first commit
        hub.repos[REPO].tags["v1.0.1"] = hub.repos[REPO].branches["main"]
    else:
        _publish(hub, "1.0.1")
    tags = dict(hub.repos[REPO].tags)
    with pytest.raises(PublishError) as caught:
        _publish(hub, "1.0.1")
    data_sha = hashlib.sha256(hub_contents("1.0.1", REPO)[DATA_PATH]).hexdigest()
    assert str(caught.value) == (
        f"tag v1.0.1 already exists on {REPO} with other data (no LFS file {DATA_PATH}, this version's is "
        f"{data_sha}); tags are never moved: release a new corpus version"
    )
    assert hub.repos[REPO].tags == tags


def test_a_tag_that_is_no_version_is_ignored(hub: HubDouble) -> None:
    hub.create_repo(REPO, repo_type="dataset")
    hub.repos[REPO].tags["nightly"] = hub.repos[REPO].branches["main"]  # not vX.Y.Z: not a corpus version
    result = _publish(hub, "1.0.0")
    assert result.action == "published" and hub.repos[REPO].branches["main"] == result.commit


def test_revision_missing_is_found_in_the_chain_of_causes() -> None:
    from huggingface_hub.errors import RevisionNotFoundError

    from venezuela_corpus.hub import _revision_missing

    with pytest.raises(RevisionNotFoundError) as caught:
        fail(404, "Invalid rev id: v9.9.9", f"/api/datasets/{REPO}/revision/v9.9.9", "RevisionNotFound")
    missing = caught.value
    caused, within, other = ValueError("caused"), ValueError("within"), ValueError("other")
    caused.__cause__ = missing
    within.__context__ = missing  # raised while handling it, not "from" it
    deeper = RuntimeError("deeper")
    deeper.__cause__ = caused
    assert [_revision_missing(e) for e in (missing, caused, within, deeper, other)] == [True, True, True, True, False]


def test_a_tag_created_meanwhile_is_a_409_not_a_move(hub: HubDouble) -> None:
    class Racing(HubDouble):
        """Another publisher tags v1.0.0 between our look at the tags and our tag."""

        def create_commit(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            info = super().create_commit(*args, **kwargs)  # type: ignore[arg-type]
            repo = self.repos[REPO]
            repo.tags.setdefault("v1.0.0", repo.commits[info.oid].parent or "")
            return info

    racing = Racing(token=TOKEN)
    racing.create_repo(REPO, repo_type="dataset")
    first = racing.repos[REPO].branches["main"]
    with pytest.raises(PublishError, match=r"publishing someone/venezuela-corpus v1\.0\.0 failed: .*409 Conflict"):
        publish(REPO, "1.0.0", token=TOKEN, api=racing)
    assert racing.repos[REPO].tags == {"v1.0.0": first}


@pytest.mark.parametrize("method", ["create_repo", "list_repo_refs", "create_commit", "create_tag"])
def test_a_token_in_an_error_message_is_scrubbed(hub: HubDouble, method: str) -> None:
    hub.failures[method] = (401, f"Invalid credentials in Authorization header: Bearer {TOKEN}")
    with pytest.raises(PublishError) as exc:
        _publish(hub, "1.0.0")
    assert TOKEN not in str(exc.value) and "Bearer ***" in str(exc.value)
    assert str(exc.value).startswith("publishing someone/venezuela-corpus v1.0.0 failed: ")
    assert exc.value.__cause__ is None and exc.value.__context__ is not None  # `from None`: no chained traceback


def test_scrub_replaces_every_occurrence() -> None:
    assert scrub(f"{TOKEN} and {TOKEN}", TOKEN) == "*** and ***"
    assert scrub("no secret here", TOKEN) == "no secret here"
    assert scrub("anything", None) == "anything"


def test_publish_needs_a_token_even_with_an_api(hub: HubDouble) -> None:
    with pytest.raises(PublishError) as caught:
        publish(REPO, "1.0.0", api=hub)
    assert str(caught.value) == "no Hugging Face token: pass --token, set HF_TOKEN, or run `hf auth login`"
    assert hub.calls == []


# --- loading back ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hub") / "repo"
    export_hub(folder, "1.0.1", repo_id=REPO)
    return folder


def _retyped(exported: Path, tmp_path: Path, column: str, cast: str) -> Path:
    """A copy of the export whose data has *column* as another Arrow type (same values), no card."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    bad = tmp_path / "retyped"
    shutil.copytree(exported, bad)
    (bad / "README.md").unlink()  # the card's features would make datasets cast the data back
    table = pq.read_table(bad / DATA_PATH)
    types = {"string": pa.string(), "int64": pa.int64(), "large_list": pa.large_list(pa.string())}
    i = table.schema.get_field_index(column)
    pq.write_table(table.set_column(i, column, table.column(column).cast(types[cast])), bad / DATA_PATH)
    return bad


@pytest.mark.parametrize(
    ("column", "cast"), [("published_date", "string"), ("n_words", "int64"), ("keywords", "large_list")]
)
def test_load_from_hub_compares_features_exactly(exported: Path, tmp_path: Path, column: str, cast: str) -> None:
    bad = _retyped(exported, tmp_path, column, cast)
    with pytest.raises(IntegrityError, match=rf"features differ from the corpus schema: {column}: "):
        vc.load_corpus("1.0.1", source="hub", repo_id=str(bad))


def _reversed(table: pa.Table) -> pa.Table:
    return table.take(list(range(table.num_rows))[::-1])


def _twice(table: pa.Table) -> pa.Table:
    return pa.concat_tables([table, table.slice(0, 1)])


@pytest.mark.parametrize(
    ("alter", "card", "message"),
    [
        (_reversed, True, "rows are not in id order"),
        (lambda t: t.select(t.column_names[::-1]), False, "columns are not in the schema's order id, text, title"),
        (_twice, True, r"cannot be read as the corpus \(NonMatchingSplitsSizes"),
        (_twice, False, "rows cannot be fingerprinted"),
        (lambda t: None, True, r"cannot be read as the corpus \(FileNotFoundError"),
        (lambda t: b"PAR1 not parquet", True, r"cannot be read as the corpus \(DatasetGenerationError"),
    ],
    ids=["rows reversed", "columns reversed", "a row twice", "a row twice, no card", "no data", "not parquet"],
)
def test_load_from_hub_refuses_data_that_is_not_the_corpus(
    exported: Path, tmp_path: Path, alter: Callable[[pa.Table], object], card: bool, message: str
) -> None:
    import pyarrow.parquet as pq

    bad = tmp_path / "altered"
    shutil.copytree(exported, bad)
    if not card:
        (bad / "README.md").unlink()
    data = bad / DATA_PATH
    altered = alter(pq.read_table(data))
    if isinstance(altered, pa.Table):
        pq.write_table(altered, data)
    elif isinstance(altered, bytes):
        data.write_bytes(altered)
    else:
        data.unlink()
    with pytest.raises(IntegrityError, match=message) as exc:
        vc.load_corpus("1.0.1", source="hub", repo_id=str(bad))
    assert str(exc.value).startswith(f"{bad}@v1.0.1: ") and str(exc.value).endswith("or `publish`).")


def test_a_folder_is_read_afresh_not_from_another_folders_cache(exported: Path, tmp_path: Path) -> None:
    """datasets caches a local folder by its name: a good folder after a bad one of the same name."""
    bad, good = tmp_path / "a" / "corpus", tmp_path / "b" / "corpus"
    shutil.copytree(exported, bad)
    shutil.copytree(exported, good)
    import pyarrow.parquet as pq

    pq.write_table(_reversed(pq.read_table(bad / DATA_PATH)), bad / DATA_PATH)
    with pytest.raises(IntegrityError, match="not in id order"):
        vc.load_corpus("1.0.1", source="hub", repo_id=str(bad))
    assert vc.fingerprint(vc.load_corpus("1.0.1", source="hub", repo_id=str(good))) == vc.pin("1.0.1").split("@")[1]
    with pytest.raises(IntegrityError, match="not in id order"):
        vc.load_corpus("1.0.1", source="hub", repo_id=str(bad))


def test_expected_features_are_the_package_loads(exported: Path) -> None:
    assert expected_features() == vc.load_corpus("1.0.1").features
    assert vc.load_corpus("1.0.1", source="hub", repo_id=str(exported)).features == expected_features()


def _mutate(ds: object) -> None:
    info = ds.info  # type: ignore[attr-defined]
    info.version.description = "sha256:" + "00" * 32
    info.features["keywords"].feature.dtype = "int64"
    info.features.pop("notes")
    info.citation = "tampered"


@pytest.mark.parametrize("source", ["package", "hub"])
def test_each_load_has_its_own_info(exported: Path, source: str) -> None:
    def load() -> object:
        if source == "package":
            return vc.load_corpus("1.0.1")
        return vc.load_corpus("1.0.1", source="hub", repo_id=str(exported))

    _mutate(load())
    again = load()
    assert not again.info.version.description  # type: ignore[attr-defined]  # the mutation did not leak
    assert again.info.features == expected_features() == again.features  # type: ignore[attr-defined]
    assert again.info.citation != "tampered"  # type: ignore[attr-defined]


class _NoSuchRevision(http.server.BaseHTTPRequestHandler):
    """The Hub's answer to any revision of a repository that lacks it."""

    code, message = "RevisionNotFound", "Invalid rev id: v1.0.1"
    asked: ClassVar[list[str]] = []
    """The paths requested (the revision is in them)."""

    def _answer(self) -> None:
        self.asked.append(self.path)
        self.send_response(404)
        self.send_header("X-Error-Code", self.code)
        self.send_header("X-Error-Message", self.message)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_HEAD = do_POST = _answer  # noqa: N815 - the names http.server calls

    def log_message(self, *args: object) -> None:
        pass


class _NoSuchRepository(_NoSuchRevision):
    code, message = "RepoNotFound", "Repository not found"


@pytest.fixture(params=[_NoSuchRevision])
def endpoint(request: pytest.FixtureRequest) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), request.param)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_missing_tag_is_version_not_found(endpoint: str) -> None:
    _NoSuchRevision.asked.clear()
    code = textwrap.dedent(f"""
        import venezuela_corpus as vc
        try:
            vc.load_corpus("1.0.1", source="hub", repo_id={REPO!r})
        except vc.VersionNotFoundError as exc:
            print("VersionNotFoundError:", exc)
    """)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "HF_ENDPOINT": endpoint}
    )
    assert out.stdout.startswith(f"VersionNotFoundError: {REPO} on the Hub has no tag v1.0.1: publish"), out.stderr
    assert any("/v1.0.1/" in path or "/v1.0.1?" in path or path.endswith("/v1.0.1") for path in _NoSuchRevision.asked)


# --- the tests' own isolation ------------------------------------------------------------


def test_hugging_face_settings_are_private_to_the_tests() -> None:
    import datasets
    from huggingface_hub import constants, get_token

    assert Path(constants.HF_HOME) == HF_HOME
    assert Path(constants.HF_HUB_CACHE).is_relative_to(HF_HOME)
    assert Path(constants.HF_TOKEN_PATH).is_relative_to(HF_HOME)
    assert Path(datasets.config.HF_DATASETS_CACHE).is_relative_to(HF_HOME)
    assert constants.ENDPOINT == "http://127.0.0.1:9"
    assert get_token() is None
    assert str(Path.home() / ".cache" / "huggingface") not in {constants.HF_HOME, constants.HF_HUB_CACHE}
    assert not constants.HF_HUB_OFFLINE and not datasets.config.HF_DATASETS_OFFLINE
    assert datasets.config.IN_MEMORY_MAX_SIZE == 0 and not constants.HF_HUB_DISABLE_PROGRESS_BARS


def test_a_users_hugging_face_settings_change_nothing(tmp_path: Path) -> None:
    hostile = {
        "HF_TOKEN": "hf_" + "x" * 34,
        "HUGGING_FACE_HUB_TOKEN": "hf_" + "y" * 34,
        "HF_HOME": str(tmp_path / "home"),
        "HF_HUB_CACHE": str(tmp_path / "hub"),
        "HF_DATASETS_CACHE": str(tmp_path / "datasets"),
        "HF_HUB_OFFLINE": "1",
        "HF_DATASETS_OFFLINE": "1",
        "HF_ENDPOINT": "https://example.invalid",
        "HF_DATASETS_IN_MEMORY_MAX_SIZE": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    }
    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")} | hostile
    node = f"{Path(__file__).name}::test_hugging_face_settings_are_private_to_the_tests"
    out = subprocess.run(
        [sys.executable, "-m", "pytest", node, "-q", "-p", "no:cacheprovider", "-o", "addopts="],
        cwd=Path(__file__).parent,
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    assert not (tmp_path / "home").exists() and not (tmp_path / "hub").exists() and not (tmp_path / "datasets").exists()


def test_hypothesis_is_derandomised_when_ci_is_set() -> None:
    code = "from hypothesis import settings; d = settings.default; print(d.derandomize, d.database)"
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "HYPOTHESIS_PROFILE")}
    for ci, expected in (("true", "True None"), (None, "False DirectoryBasedExampleDatabase")):
        # conftest.py is what pytest imports first: its profile is the one every test runs under.
        run = [sys.executable, "-c", f"import tests.conftest; {code}"]
        out = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, env=env | ({"CI": ci} if ci else {}))
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith(expected), (ci, out.stdout)


@pytest.mark.parametrize("endpoint", [_NoSuchRepository], indirect=True)
def test_a_missing_repository_is_not_called_damaged_data(endpoint: str) -> None:
    code = textwrap.dedent(f"""
        import venezuela_corpus as vc
        try:
            vc.load_corpus("1.0.1", source="hub", repo_id={REPO!r})
        except Exception as exc:
            print(type(exc).__name__)
    """)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, "HF_ENDPOINT": endpoint}
    )
    assert out.stdout.strip() == "DatasetNotFoundError", out.stdout + out.stderr  # not IntegrityError


def test_publish_private_creates_a_private_repository(hub: HubDouble) -> None:
    publish(REPO, "1.0.0", token=TOKEN, api=hub, private=True)
    assert hub.repos[REPO].private is True
    publish("someone/open", "1.0.0", token=TOKEN, api=hub)
    assert hub.repos["someone/open"].private is False


def test_publish_a_corpus_of_ones_own(hub: HubDouble, tmp_path: Path) -> None:
    from venezuela_corpus.corpus import init

    mine = init(tmp_path / "mine", name="mine")
    for seed in (ROOT / "seeds").iterdir():
        shutil.copy(seed, tmp_path / "mine" / "seeds" / seed.name)
    vc.build("0.1.0", corpus=mine)
    result = publish(REPO, "0.1.0", token=TOKEN, api=hub, path=tmp_path / "mine")
    assert result.tag == "v0.1.0" and hub.repos[REPO].tags == {"v0.1.0": result.commit}
    assert hub.tree(REPO, "v0.1.0") == {".gitattributes": GITATTRIBUTES, **hub_contents("0.1.0", REPO, path=mine)}


def test_the_token_comes_from_the_argument_then_hf_token(monkeypatch: pytest.MonkeyPatch) -> None:
    from venezuela_corpus.hub import resolve_token

    monkeypatch.setenv("HF_TOKEN", "hf_from_the_environment")
    assert resolve_token("hf_given") == "hf_given"
    assert resolve_token(None) == "hf_from_the_environment"
    monkeypatch.setenv("HF_TOKEN", "")
    assert resolve_token(None) is None  # then the saved login: none in the tests' private HF_HOME


def test_the_hub_source_takes_a_folder_as_a_path_and_says_what_it_needs(exported: Path) -> None:
    assert len(vc.load_corpus("1.0.1", source="hub", repo_id=exported)) == 4  # a Path, not only a str
    with pytest.raises(ValueError, match=r"^source='hub' needs repo_id \(a Hub dataset id or an exported folder\)$"):
        vc.load_corpus("1.0.1", source="hub")
    with pytest.raises(TypeError, match=r"^repo_id must be a path \(str or os.PathLike\), not int: 3$"):
        vc.load_corpus("1.0.1", source="hub", repo_id=3)  # type: ignore[call-overload]
