"""The whole build on Ray Data gives the local build's snapshot and report: in local mode, with
a worker killed mid-build, and on a real two-node cluster started here (on loopback)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.util import find_spec
from pathlib import Path

import pytest

from venezuela_corpus import CorpusError, IngestError, Problem, build
from venezuela_corpus.duplicates import DuplicateIndex, minhash
from venezuela_corpus.errors import BuildError
from venezuela_corpus.ingest import ArticleMeta, RawArticle
from venezuela_corpus.inputs import Read, SeedsFolder
from venezuela_corpus.store import DATA_FILE, MANIFEST_FILE
from venezuela_corpus.writer import SnapshotWriter

from . import planted
from .conftest import OBJECT_STORE
from .test_duplicates import A, B, C, _edit

pytestmark = pytest.mark.skipif(find_spec("ray") is None, reason="the scale extra (ray) is not installed")

N = 2000
"""Generated articles per corpus (each also has the planted ones)."""


@dataclass(frozen=True)
class Outcome:
    """What a build left: the snapshot's two files, or the error it raised."""

    manifest: bytes | None
    data: bytes | None
    error: CorpusError | None


def _build(seeds: Path, root: Path, **options: object) -> Outcome:
    try:
        build("1.0.0", seeds=seeds, root=root, today=dt.date(2026, 1, 1), **options)  # type: ignore[arg-type]
    except CorpusError as exc:
        assert not (root / "1.0.0").exists()
        return Outcome(None, None, exc)
    return Outcome((root / "1.0.0" / MANIFEST_FILE).read_bytes(), (root / "1.0.0" / DATA_FILE).read_bytes(), None)


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    clean, dirty = planted.corpora(tmp_path_factory.mktemp("planted"), N)
    return {"clean": clean, "dirty": dirty}


@pytest.fixture(scope="module")
def local(corpora: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """The reference: the local build (2 processes) of each corpus."""
    root = tmp_path_factory.mktemp("local")
    return {name: _build(folder, root / name, workers=2) for name, folder in corpora.items()}


def _ray_duplicates(texts: dict[str, str], buckets: int) -> list[Problem]:
    """The Ray build's duplicate stages (key rows, grouping by bucket, pairs, judging) in this process."""
    import hashlib

    import pyarrow as pa

    from venezuela_corpus.raybuild import ARTICLE, _judged, candidate_pairs, key_rows

    rows = pa.table(
        {
            "_kind": pa.array([ARTICLE] * len(texts), pa.int8()),
            "id": list(texts),
            "text_sha256": [hashlib.sha256(t.encode()).hexdigest() for t in texts.values()],
            "_minhash": pa.array([minhash(t) for t in texts.values()], pa.binary()),
        }
    )
    keys = key_rows(rows, buckets)
    groups = [keys.filter(pa.compute.equal(keys["bucket"], b)) for b in range(buckets)]
    pairs = pa.concat_tables([candidate_pairs(g) for g in groups])
    return list(_judged([pairs.sort_by([("later", "ascending"), ("band", "ascending")])]))


@pytest.mark.parametrize(
    ("texts", "found"),
    [
        ({"a": A, "b": B, "c": A, "d": A}, 2),
        ({"a": _edit(A, 100), "b": A, "c": _edit(A, 150), "d": _edit(B, 120), "e": B}, 3),
        ({"a": A, "b": _edit(A, 6), "c": A + " " + B, "d": C}, 0),
        ({"a": A}, 0),
    ],
    ids=["exact", "most-similar", "unrelated", "one"],
)
@pytest.mark.parametrize("buckets", [1, 3])
def test_the_duplicate_stages_equal_the_local_index(texts: dict[str, str], found: int, buckets: int) -> None:
    with DuplicateIndex() as index:
        for record_id, text in texts.items():
            index.add(record_id, text)
        expected = index.problems()
    assert len(expected) == found
    assert _ray_duplicates(texts, buckets) == expected


def test_the_corpora_plant_every_kind_of_problem(local: dict[str, Outcome]) -> None:
    import json

    clean, dirty = local["clean"], local["dirty"]
    assert clean.manifest is not None and isinstance(dirty.error, IngestError)
    warnings = {(w["where"], w["check"]) for w in json.loads(clean.manifest)["warnings"]}
    assert warnings >= {  # and whatever the generator's texts raise (e.g. a mixed_language_score)
        ("w_malay", "malay_like"),
        ("w_outlet", "outlet_mismatch"),
        ("w_translated", "machine_translated"),
    }
    found = [(p.where, p.check) for p in getattr(dirty.error, "problems", ())]
    assert found == [
        ("metadata.json", "file_missing"),
        ("e_empty.txt", "empty"),
        ("e_unlisted.txt", "metadata_missing"),
        ("e_utf8.txt", "encoding"),
        ("e_english", "language"),
        ("e_short", "min_length"),
        ("e_exact", "duplicate"),
        ("e_exact-2", "duplicate"),  # after e_exact: ids in id order, though its file name sorts first
        ("e_near", "near_duplicate"),
    ]


def test_ray_report_equals_local_report(
    corpora: dict[str, Path], local: dict[str, Outcome], ray_local: None, tmp_path: Path
) -> None:
    ray = _build(corpora["dirty"], tmp_path, engine="ray")
    expected = local["dirty"].error
    assert type(ray.error) is type(expected)
    assert getattr(ray.error, "problems", None) == getattr(expected, "problems", ())
    assert str(ray.error) == str(expected)
    assert list(tmp_path.iterdir()) == [tmp_path / ".build.lock"]  # no snapshot, no temporary folder


@dataclass(frozen=True)
class Shuffled(SeedsFolder):
    """The seeds folder listed in reverse order, so the cluster must sort the rows."""

    in_id_order: bool = False

    def listing(self, problems: list) -> Iterator:  # type: ignore[type-arg,override]
        tasks = list(super().listing(problems))
        for task in reversed(tasks):
            yield task.take(list(range(task.num_rows - 1, -1, -1)))


def test_ray_sorts_rows_listed_out_of_order(ray_local: None, tmp_path: Path) -> None:
    import json

    from venezuela_corpus.raybuild import run_ray

    seeds = planted.plant_warnings(planted.generate(tmp_path / "seeds", 200))
    expected = _build(seeds, tmp_path / "local")
    assert expected.manifest is not None
    manifest = json.loads(expected.manifest)
    with SnapshotWriter(tmp_path / "ray", "1.0.0") as out:
        problems = run_ray(Shuffled(seeds, today=dt.date(2026, 1, 1), rows_per_task=48), out)
        assert out.fingerprint() == manifest["fingerprint"]
        assert out.rows == manifest["rows"] == len(list(seeds.glob("*.txt")))
        assert [{"check": p.check, "where": p.where, "message": p.message} for p in problems] == manifest["warnings"]
        out.commit(problems)
    assert (tmp_path / "ray" / "1.0.0" / DATA_FILE).read_bytes() == expected.data
    assert (tmp_path / "ray" / "1.0.0" / MANIFEST_FILE).read_bytes() == expected.manifest


@dataclass(frozen=True)
class Unprocessable:
    """A source with one article that the cleaner cannot process (its text is not a string)."""

    in_id_order: bool = True

    def listing(self, problems: list) -> Iterator:  # type: ignore[type-arg]
        import pyarrow as pa

        yield pa.table({"pos": [0]})

    def read(self, task: object) -> list[Read]:
        meta = ArticleMeta("0042_broken.txt", "Kompas.com", "https://example.com/a", "Judul")
        return [(0, RawArticle(meta, None, "0" * 64), [])]  # type: ignore[arg-type]


def test_a_worker_error_names_the_file(ray_local: None, tmp_path: Path) -> None:
    from venezuela_corpus.raybuild import run_ray

    expected = r"^0042_broken.txt: processing failed \(\w+Error: .+\); nothing was written"
    with pytest.raises(BuildError, match=expected), SnapshotWriter(tmp_path, "1.0.0") as out:
        run_ray(Unprocessable(), out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock"]  # no data file, no temporary folder


def _descendants(root: int) -> dict[int, str]:
    """Process ids below *root* and their command lines (from /proc)."""
    parents: dict[int, int] = {}
    lines: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError, IndexError, ValueError):
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                lines[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    found, frontier = {}, {root}
    while frontier:
        frontier = {pid for pid, parent in parents.items() if parent in frontier and pid not in found}
        found.update({pid: lines.get(pid, "") for pid in frontier})
    return found


def _kill_one_task_worker(stop: threading.Event, killed: list[str]) -> None:
    """Kill (SIGKILL) the first worker process of this test's Ray that runs a map task."""
    while not stop.is_set() and not killed:
        for pid, line in _descendants(os.getpid()).items():
            if line.startswith("ray::MapBatches"):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
                    killed.append(line.strip())
                break
        time.sleep(0.05)


def test_ray_build_equals_local_build_though_a_worker_is_killed(
    corpora: dict[str, Path], local: dict[str, Outcome], ray_local: None, tmp_path: Path
) -> None:
    """Ray Data retries a task whose worker died (its tasks' ``max_retries`` is -1): same snapshot."""
    stop, killed = threading.Event(), []  # type: ignore[var-annotated]
    killer = threading.Thread(target=_kill_one_task_worker, args=(stop, killed))
    killer.start()
    try:
        ray = _build(corpora["clean"], tmp_path, engine="ray")
    finally:
        stop.set()
        killer.join()
    assert killed, "no map task was running to kill"
    assert ray.error is None, ray.error
    assert ray.manifest == local["clean"].manifest  # rows, fingerprint, warnings in order, file hash
    assert ray.data == local["clean"].data
    assert sorted(p.name for p in tmp_path.iterdir()) == [".build.lock", "1.0.0"]  # no temporary folder left


# --- a real cluster: a head node and a worker node, each its own set of processes -------------

RAY = str(Path(sys.executable).parent / "ray")
HOST = "127.0.0.2"
"""A loopback address: Ray replaces 127.0.0.1 and "localhost" with the machine's outward address."""
TIMEOUT = 600


def _free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        port: int = s.getsockname()[1]
        return port


def _node_ports() -> list[str]:
    names = ("node-manager", "object-manager", "dashboard-agent-grpc", "dashboard-agent-listen", "metrics-export")
    return [arg for name in (*names, "runtime-env-agent") for arg in (f"--{name}-port", str(_free_port()))]


@dataclass(frozen=True)
class Cluster:
    address: str
    env: dict[str, str]
    worker_node: subprocess.Popen[bytes]


def _status(address: str, env: dict[str, str]) -> str:
    """``ray status``'s report, or "" while the cluster does not answer (a busy machine: keep asking)."""
    try:
        out = subprocess.run(
            [RAY, "status", "--address", address], capture_output=True, text=True, env=env, timeout=120
        )
    except subprocess.TimeoutExpired:
        return ""
    return out.stdout if out.returncode == 0 else ""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    """``ray start --head`` plus one ``ray start --address`` node, stopped (SIGTERM) afterwards.

    Each ``ray start --block`` stops the processes it started when it is terminated; token
    authentication with a token made here; every port chosen free, so other Ray instances on
    the machine are never joined or disturbed.
    """
    tmp = tempfile.mkdtemp(prefix="vc-rc-")
    env = {
        **os.environ,
        "RAY_AUTH_MODE": "token",
        "RAY_AUTH_TOKEN": os.urandom(16).hex(),
        "RAY_USAGE_STATS_ENABLED": "0",
    }
    address = f"{HOST}:{_free_port()}"
    node = [*("--num-cpus", "1", "--object-store-memory", str(OBJECT_STORE)), "--block", "--disable-usage-stats"]
    log = tmp_path_factory.mktemp("ray-logs")
    head_cmd = [RAY, "start", "--head", "--node-ip-address", HOST, "--port", address.split(":")[1], "--temp-dir", tmp]
    head_cmd += ["--include-dashboard", "false", "--dashboard-port", str(_free_port()), *_node_ports(), *node]
    nodes = [subprocess.Popen(head_cmd, stdout=(log / "head.log").open("wb"), stderr=subprocess.STDOUT, env=env)]
    try:
        deadline = time.monotonic() + TIMEOUT
        while not _status(address, env):
            assert nodes[0].poll() is None and time.monotonic() < deadline, (log / "head.log").read_text()
            time.sleep(1)
        worker_cmd = [RAY, "start", "--address", address, *_node_ports(), *node]
        nodes.append(
            subprocess.Popen(worker_cmd, stdout=(log / "worker.log").open("wb"), stderr=subprocess.STDOUT, env=env)
        )
        while _status(address, env).count(" node_") < 2:
            assert nodes[1].poll() is None and time.monotonic() < deadline, (log / "worker.log").read_text()
            time.sleep(1)
        yield Cluster(address, env, nodes[1])
    finally:
        for process in reversed(nodes):
            process.send_signal(signal.SIGTERM)
        for process in reversed(nodes):
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:  # pragma: no cover - ray start ignored SIGTERM
                process.kill()
        for pid, line in _descendants(1).items():  # nothing of this cluster may outlive it
            if tmp in line:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        shutil.rmtree(tmp, ignore_errors=True)


def _cli_build(cluster: Cluster, seeds: Path, out: Path, seen: set[str]) -> subprocess.CompletedProcess[str]:
    """``venezuela-corpus build --engine ray --address ...``, noting the tasks the worker node ran."""
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            seen.update(
                line.split("(")[0] for line in _descendants(cluster.worker_node.pid).values() if "ray::" in line
            )
            time.sleep(0.2)

    watcher = threading.Thread(target=watch)
    watcher.start()
    cli = str(Path(sys.executable).parent / "venezuela-corpus")
    try:
        args = ["build", "--version", "1.0.0", "--seeds", str(seeds), "--out", str(out)]
        args += ["--engine", "ray", "--address", cluster.address]
        return subprocess.run([cli, *args], capture_output=True, text=True, env=cluster.env, timeout=TIMEOUT)
    finally:
        stop.set()
        watcher.join()


CLUSTER_ARTICLES = 300
"""Small, so the cluster test costs its start-up mostly; the same generator and planted warnings."""


def test_a_two_node_cluster_builds_the_local_snapshot(cluster: Cluster, tmp_path: Path) -> None:
    seeds = planted.plant_warnings(planted.generate(tmp_path / "seeds", CLUSTER_ARTICLES))
    local = _build(seeds, tmp_path / "local")
    assert local.manifest is not None, local.error
    seen: set[str] = set()
    out = _cli_build(cluster, seeds, tmp_path / "ray", seen)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "ray" / "1.0.0" / MANIFEST_FILE).read_bytes() == local.manifest  # rows, warnings, ...
    assert (tmp_path / "ray" / "1.0.0" / DATA_FILE).read_bytes() == local.data
    assert any("MapBatches" in name for name in seen), f"the worker node ran no task of the build: {seen}"


def test_ray_reads_a_collection_as_the_local_build_does(ray_local: None, tmp_path: Path) -> None:
    from .test_collection import _seed_rows, write

    good = _seed_rows()
    path = write(tmp_path / "berita.parquet", good)
    local = build("1.0.0", seeds=path, root=tmp_path / "local", today=dt.date(2026, 1, 1))
    ray = build("1.0.0", seeds=path, root=tmp_path / "ray", today=dt.date(2026, 1, 1), engine="ray")
    assert ray == local
    assert (tmp_path / "ray" / "1.0.0" / DATA_FILE).read_bytes() == (
        tmp_path / "local" / "1.0.0" / DATA_FILE
    ).read_bytes()
    bad = write(tmp_path / "bad.jsonl", [*good, {**good[0], "id": "x", "text": ""}, good[1]])
    errors = []
    for engine in ("local", "ray"):
        with pytest.raises(IngestError) as info:
            build("1.0.0", seeds=bad, root=tmp_path / engine, today=dt.date(2026, 1, 1), engine=engine)
        errors.append(info.value.problems)
    assert errors[0] == errors[1] and [p.where for p in errors[0]] == ["bad.jsonl row 6", "bad.jsonl row 5"]
