"""Snapshots: deterministic, atomic, immutable builds; verified, tamper-evident loads."""

from __future__ import annotations

import hashlib
import json
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from venezuela_corpus import IntegrityError, SnapshotExistsError, ValidationError, build, versions
from venezuela_corpus.api import manifest
from venezuela_corpus.store import Manifest, list_versions, read_manifest, read_table, resolve, verify

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

    from venezuela_corpus import writer

    monkeypatch.setattr(writer, "ROW_GROUP_ROWS", 3)
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


# --- a snapshot folder is trusted no further than its manifest proves ------------------------


def _edit_manifest(folder: Path, **changes: object) -> None:
    path = folder / "manifest.json"
    doc = json.loads(path.read_text())
    doc.update(changes)
    path.write_text(json.dumps(doc))


@pytest.mark.parametrize(
    "name", ["../../etc/passwd", "/etc/shadow", "sub/articles.parquet", "..", "a\\b", "manifest.json"]
)
def test_manifest_file_names_must_stay_in_the_folder(tampered: Path, name: str) -> None:
    doc = json.loads((tampered / "manifest.json").read_text())
    _edit_manifest(tampered, files={**doc["files"], name: doc["files"]["articles.parquet"]})
    with pytest.raises(IntegrityError, match=r"manifest not understood: file name .* is not a plain name"):
        read_table(tampered)


@pytest.mark.parametrize(
    "changes",
    [
        {"files": "articles.parquet"},
        {"files": None},
        {"files": ["articles.parquet"]},
        {"files": {}},
        {"files": {"articles.parquet": "sha256"}},
        {"files": {"articles.parquet": {"sha256": "ab", "size": 1}}},
        {"files": {"articles.parquet": {"sha256": "ab" * 32, "size": -1}}},
        {"files": {"articles.parquet": {"sha256": "ab" * 32, "size": True}}},
        {"files": {"articles.parquet": {"sha256": "ab" * 32, "size": 1, "extra": 0}}},
        {"rows": "4"},
        {"rows": True},
        {"rows": -4},
        {"format": True},
        {"format": 2},
        {"fingerprint": "ab" * 32},
        {"fingerprint": None},
        {"version": "1.0"},
        {"schema": {"id": "string"}},
        {"schema": [{"name": "id"}]},
        {"tools": {"ftfy": 6}},
        {"tools": []},
        {"warnings": [1]},
        {"warnings": None},
        {"colour": "blue"},
    ],
)
def test_manifest_of_any_other_shape_is_an_integrity_error(tampered: Path, changes: dict[str, object]) -> None:
    _edit_manifest(tampered, **changes)
    with pytest.raises(IntegrityError, match=r"1\.0\.0/manifest\.json: manifest not understood: .*Reinstall"):
        read_table(tampered)


@pytest.mark.parametrize("document", [b"[]", b'"manifest"', b"null", b"4", b"{}", b"{"])
def test_manifest_document_that_is_not_an_object(tampered: Path, document: bytes) -> None:
    (tampered / "manifest.json").write_bytes(document)
    with pytest.raises(IntegrityError, match=r"1\.0\.0/manifest\.json: manifest (not understood|is not valid JSON)"):
        read_table(tampered)


def test_missing_field_is_named(tampered: Path) -> None:
    doc = json.loads((tampered / "manifest.json").read_text())
    del doc["rows"]
    (tampered / "manifest.json").write_text(json.dumps(doc))
    with pytest.raises(IntegrityError, match="missing field 'rows'"):
        read_table(tampered)


@pytest.mark.parametrize("extra", ["notes.txt", ".hidden", "sub/"])
def test_extra_file_in_a_snapshot_folder_is_detected(tampered: Path, extra: str) -> None:
    if extra.endswith("/"):
        (tampered / extra).mkdir()
    else:
        (tampered / extra).write_text("x")
    with pytest.raises(IntegrityError, match=rf"1\.0\.0/ holds files its manifest does not list: {extra.strip('/')}"):
        read_table(tampered)


def test_copied_snapshot_under_another_version_is_detected(built: Path, tmp_path: Path) -> None:
    shutil.copytree(built / "1.0.0", tmp_path / "1.0.1")
    with pytest.raises(IntegrityError, match="version 1.0.0 does not match its folder 1.0.1"):
        read_table(tmp_path / "1.0.1")


def test_data_file_that_is_not_parquet_but_matches_an_edited_manifest(tampered: Path) -> None:
    data = b"not parquet at all" * 10
    (tampered / "articles.parquet").write_bytes(data)
    _edit_manifest(
        tampered, files={"articles.parquet": {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}}
    )
    with pytest.raises(IntegrityError, match=r"1\.0\.0/articles\.parquet is not readable Parquet"):
        read_table(tampered)


def test_data_file_that_is_a_folder_or_a_loop(tampered: Path) -> None:
    (tampered / "articles.parquet").unlink()
    (tampered / "articles.parquet").symlink_to("articles.parquet")
    with pytest.raises(IntegrityError, match=r"1\.0\.0/articles\.parquet cannot be read"):
        read_table(tampered)


def _flip(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))


def test_rebuild_over_a_damaged_version_is_refused_then_repaired(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "snaps"
    shutil.copytree(built, root)
    _flip(root / "1.0.0" / "articles.parquet")
    damaged = (root / "1.0.0" / "articles.parquet").read_bytes()
    with pytest.raises(
        IntegrityError, match=r"1\.0\.0 .* is damaged, so nothing was written.*--version 1\.0\.0 --repair"
    ):
        build("1.0.0", seeds=ROOT / "seeds", root=root)
    assert (root / "1.0.0" / "articles.parquet").read_bytes() == damaged
    repaired = build("1.0.0", seeds=ROOT / "seeds", root=root, repair=True)
    assert verify(root / "1.0.0") == repaired
    assert (root / "1.0.0" / "articles.parquet").read_bytes() == (built / "1.0.0" / "articles.parquet").read_bytes()
    assert sorted(p.name for p in root.iterdir()) == [".build.lock", "1.0.0"]


def test_repair_refused_when_the_build_is_other_data(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "snaps"
    shutil.copytree(built, root)
    _edit_manifest(root / "1.0.0", fingerprint="sha256:" + "ab" * 32)  # the recorded rows are not these
    for repair in (False, True):
        with pytest.raises(IntegrityError, match=r"(restore it|Restore the snapshot) from version control"):
            build("1.0.0", seeds=ROOT / "seeds", root=root, repair=repair)
    (root / "1.0.0" / "manifest.json").write_text("{")  # unreadable: the recorded fingerprint is unknown
    with pytest.raises(IntegrityError, match=r"not the recorded \(unreadable manifest\)"):
        build("1.0.0", seeds=ROOT / "seeds", root=root, repair=True)
    assert (root / "1.0.0" / "manifest.json").read_text() == "{"


def test_cli_rebuild_over_damage_does_not_say_built(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "snaps"
    shutil.copytree(built, root)
    _flip(root / "1.0.0" / "articles.parquet")
    args = [sys.executable, "-m", "venezuela_corpus", "build", "--version", "1.0.0", "--seeds", str(ROOT / "seeds")]
    out = subprocess.run([*args, "--out", str(root)], capture_output=True, text=True)
    assert out.returncode == 3 and "built" not in out.stdout and "Traceback" not in out.stderr
    assert "is damaged" in out.stderr and "--repair" in out.stderr
    out = subprocess.run([*args, "--out", str(root), "--repair"], capture_output=True, text=True)
    assert out.returncode == 0 and "built 1.0.0" in out.stdout, out.stderr
    verify(root / "1.0.0")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, "manifest is not valid JSON: nested too deeply"),
        (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, "manifest is not valid JSON: nested too deeply"),
        (b'{"rows": 4, "rows": 5, "format": 1}', "manifest is not valid JSON: duplicate key(s) 'rows'"),
    ],
    ids=["arrays", "objects", "a key twice"],
)
def test_a_manifest_that_json_reads_oddly_is_refused(data: bytes, message: str) -> None:
    with pytest.raises(IntegrityError) as exc:
        Manifest.from_json(data, "1.0.1/manifest.json")
    assert str(exc.value).startswith(f"1.0.1/manifest.json: {message}. Reinstall the package")
