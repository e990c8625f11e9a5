"""Snapshots: deterministic, atomic, immutable builds; verified, tamper-evident loads."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from venezuela_corpus import IntegrityError, SnapshotExistsError, ValidationError, build, versions
from venezuela_corpus.api import manifest
from venezuela_corpus.store import list_versions, read_manifest, read_table, resolve

from .conftest import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("snapshots")
    build("1.0.0", seeds=ROOT / "seeds", root=root)
    return root


def test_shipped_newest_equals_a_fresh_build(built: Path) -> None:
    newest = versions()[-1]
    fresh = build(newest, seeds=ROOT / "seeds", root=built.parent / "fresh")
    assert fresh.fingerprint == manifest(newest).fingerprint, "rebuild and commit the snapshot"


def test_two_builds_are_byte_identical(built: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere" / "snaps"
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds2")
    build("1.0.0", seeds=tmp_path / "seeds2", root=other)
    for name in ("articles.parquet", "manifest.json"):
        assert (built / "1.0.0" / name).read_bytes() == (other / "1.0.0" / name).read_bytes()


def test_parallel_build_is_byte_identical(built: Path, tmp_path: Path) -> None:
    build("1.0.0", seeds=ROOT / "seeds", root=tmp_path, workers=2)
    assert (built / "1.0.0" / "articles.parquet").read_bytes() == (tmp_path / "1.0.0" / "articles.parquet").read_bytes()


def test_row_groups_split_rows_not_content(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pyarrow.parquet as pq

    from venezuela_corpus import pipeline

    monkeypatch.setattr(pipeline, "ROW_GROUP_ROWS", 3)
    small = build("1.0.0", seeds=ROOT / "seeds", root=tmp_path)
    data = pq.ParquetFile(tmp_path / "1.0.0" / "articles.parquet")
    assert [data.metadata.row_group(i).num_rows for i in range(data.num_row_groups)] == [3, 1]
    assert small.fingerprint == read_manifest(built / "1.0.0").fingerprint
    assert data.read().equals(pq.read_table(built / "1.0.0" / "articles.parquet"))


def test_identical_rebuild_is_a_no_op(built: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in (built / "1.0.0").iterdir()}
    build("1.0.0", seeds=ROOT / "seeds", root=built)
    assert before == {p.name: p.stat().st_mtime_ns for p in (built / "1.0.0").iterdir()}


def test_overwrite_with_other_content_is_refused(built: Path, seeds: Path, tmp_path: Path) -> None:
    root = tmp_path / "snaps"
    shutil.copytree(built, root)
    meta = seeds / "metadata.json"
    meta.write_text(meta.read_text().replace("Lintar Satria", "Someone Else"))
    before = (root / "1.0.0" / "articles.parquet").read_bytes()
    with pytest.raises(SnapshotExistsError, match=r"1\.0\.0 already exists.*--version 1\.0\.1"):
        build("1.0.0", seeds=seeds, root=root)
    assert (root / "1.0.0" / "articles.parquet").read_bytes() == before
    assert sorted(p.name for p in root.iterdir() if not p.name.startswith(".")) == ["1.0.0"]


def test_failed_build_leaves_nothing(seeds: Path, tmp_path: Path) -> None:
    (seeds / "001_48ed567f2e02b0d3.txt").write_text("Too short to be an article.", encoding="utf-8")
    root = tmp_path / "snaps"
    with pytest.raises(ValidationError, match="001_48ed567f2e02b0d3.*min_length"):
        build("1.0.0", seeds=seeds, root=root)
    assert [p.name for p in root.iterdir() if p.name != ".build.lock"] == []


def test_killed_build_leaves_no_snapshot(tmp_path: Path) -> None:
    root = tmp_path / "snaps"
    script = textwrap.dedent(f"""
        import time, venezuela_corpus.pipeline as p
        real = p.process_batch
        def slow(batch):
            print("started", flush=True); time.sleep(60); return real(batch)
        p.process_batch = slow
        p.build("1.0.0", seeds=p.Path({str(ROOT / "seeds")!r}), root=p.Path({str(root)!r}))
    """)
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "started"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert list_versions(root) == []
    build("1.0.0", seeds=ROOT / "seeds", root=root)  # the next build sweeps the leftovers
    assert sorted(p.name for p in root.iterdir()) == [".build.lock", "1.0.0"]


def test_two_builds_at_once(tmp_path: Path) -> None:
    root = tmp_path / "snaps"
    code = (
        "import venezuela_corpus as v, pathlib as p; "
        f"v.build('1.0.0', seeds=p.Path({str(ROOT / 'seeds')!r}), root=p.Path({str(root)!r}))"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code]) for _ in range(2)]
    assert [p.wait() for p in procs] == [0, 0]
    manifest_, table = read_table(root / "1.0.0")
    assert table.num_rows == manifest_.rows == 4


@pytest.fixture
def tampered(built: Path, tmp_path: Path) -> Path:
    root = tmp_path / "copy"
    shutil.copytree(built, root)
    return root / "1.0.0"


def test_flipped_byte_is_detected(tampered: Path) -> None:
    data = bytearray((tampered / "articles.parquet").read_bytes())
    data[len(data) // 2] ^= 0x01
    (tampered / "articles.parquet").write_bytes(bytes(data))
    with pytest.raises(
        IntegrityError,
        match=r"1\.0\.0/articles\.parquet does not match.*expected sha256 [0-9a-f]{64}.*got [0-9a-f]{64}",
    ):
        read_table(tampered)


def test_truncated_file_is_detected(tampered: Path) -> None:
    data = (tampered / "articles.parquet").read_bytes()
    (tampered / "articles.parquet").write_bytes(data[:-100])
    with pytest.raises(IntegrityError, match="articles.parquet does not match"):
        read_table(tampered)


def test_missing_manifest_is_detected(tampered: Path) -> None:
    (tampered / "manifest.json").unlink()
    with pytest.raises(IntegrityError, match="manifest.json is missing"):
        read_table(tampered)


def test_edited_manifest_is_detected(tampered: Path) -> None:
    path = tampered / "manifest.json"
    path.write_text(path.read_text().replace('"rows": 4', '"rows": 5'))
    with pytest.raises(IntegrityError, match="5 rows recorded, 4 in the data"):
        read_table(tampered)


def test_manifest_schema_mismatch_is_detected(tampered: Path) -> None:
    path = tampered / "manifest.json"
    path.write_text(path.read_text().replace('"name": "notes"', '"name": "comment"'))
    with pytest.raises(IntegrityError, match="schema does not match"):
        read_table(tampered)


def test_resolve_lists_available(built: Path) -> None:
    assert resolve(built, "1") == resolve(built, "1.0") == resolve(built, None) == "1.0.0"
    with pytest.raises(LookupError, match="available: 1.0.0"):
        resolve(built, "2")


def test_old_version_unchanged_beside_newer() -> None:
    from venezuela_corpus import diff, load_corpus

    assert len(versions()) >= 2
    old = load_corpus("1.0.0")
    assert old.info.version.version_str == "1.0.0"
    row = {r["id"][:3]: r for r in old}["002"]
    assert "insiden itu , yang" in row["text"]  # 1.0.0 keeps its original rows forever
    d = diff("1.0.0", "1.0.1")
    assert (d.added, d.removed) == ((), ())
    assert [c.id for c in d.changed] == ["002_c5021111c916f18a"]
    assert d.changed[0].text_diff == ("lain sehubungan dengan insiden [-itu ,-] [+itu,+] yang termasuk ledakan dekat",)
