"""Streaming and memory-mapped loads: the same rows as a load into memory, verified the same way."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import venezuela_corpus as vc
from venezuela_corpus.errors import IntegrityError
from venezuela_corpus.store import PARQUET_OPTIONS
from venezuela_corpus.streaming import cache_folder, iter_batches, open_stream

from .conftest import ROOT

VERSIONS = vc.versions()


def _rows(ds: datasets.Dataset | datasets.IterableDataset) -> list[dict[str, object]]:
    return list(ds)


@pytest.mark.parametrize("version", VERSIONS)
def test_streaming_gives_the_rows_features_and_info_of_a_load(version: str) -> None:
    ds = vc.load_corpus(version)
    streamed = vc.load_corpus(version, streaming=True)
    assert isinstance(streamed, datasets.IterableDataset)
    assert streamed.features == ds.features and streamed.info.version == ds.info.version
    assert streamed.info.description == ds.info.description and vc.pin(version) in streamed.info.description
    assert _rows(streamed) == _rows(ds)
    assert _rows(streamed) == _rows(ds), "every iteration reads (and verifies) again"
    assert [r["id"] for r in streamed.take(2)] == ds["id"][:2]
    batch = next(iter(streamed.with_format("arrow").iter(batch_size=3)))
    assert batch.column("id").to_pylist() == ds["id"][:3]


@pytest.mark.parametrize("version", VERSIONS)
def test_memory_mapped_load_gives_the_rows_of_a_load_from_an_arrow_file(version: str, tmp_path: Path) -> None:
    ds = vc.load_corpus(version)
    mapped = vc.load_corpus(version, memory_map=True, cache_dir=tmp_path)
    (file,) = tmp_path.iterdir()
    assert file.name == f"venezuela-corpus-{version}-{vc.manifest(version).fingerprint[7:23]}.arrow"
    assert [c["filename"] for c in mapped.cache_files] == [str(file)]
    assert mapped.features == ds.features and mapped.info.description == ds.info.description
    assert mapped.to_list() == ds.to_list() and vc.fingerprint(mapped) == vc.manifest(version).fingerprint
    assert mapped._fingerprint == ds._fingerprint
    before = file.stat().st_mtime_ns
    assert vc.load_corpus(version, memory_map=True, cache_dir=str(tmp_path)).to_list() == ds.to_list()
    assert file.stat().st_mtime_ns == before, "written once"


def test_streaming_and_memory_map_check_the_pin() -> None:
    wrong = "sha256:" + "0" * 64
    for kwargs in ({"streaming": True}, {"memory_map": True}):
        with pytest.raises(IntegrityError, match="not the pinned"):
            vc.load_corpus("1.0.0", fingerprint=wrong, **kwargs)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="not both"):
        vc.load_corpus(streaming=True, memory_map=True)  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="source='package'"):
        vc.load_corpus(source="hub", streaming=True)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A corpus folder holding a copy of the shipped 1.0.0, rewritten with one row per row group."""
    root = tmp_path / "corpus"
    out = subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", "init", str(root), "--name", "copy"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    shutil.copytree(ROOT / "venezuela_corpus" / "snapshots" / "1.0.0", root / "snapshots" / "1.0.0")
    _rewrite(root, pq.read_table(root / "snapshots" / "1.0.0" / "articles.parquet"), row_group_size=1)
    return root


def _rewrite(root: Path, table: pa.Table, **options: object) -> None:
    """New data in 1.0.0 with its hash and size recorded: only a check of the rows can tell."""
    snapshot = root / "snapshots" / "1.0.0"
    data = snapshot / "articles.parquet"
    pq.write_table(table, data, **{**PARQUET_OPTIONS, **options})  # type: ignore[arg-type]
    manifest = json.loads((snapshot / "manifest.json").read_text())
    entry = {"sha256": hashlib.sha256(data.read_bytes()).hexdigest(), "size": data.stat().st_size}
    manifest["files"]["articles.parquet"] = entry
    (snapshot / "manifest.json").write_text(json.dumps(manifest))


def test_batches_stream_a_row_group_at_a_time(folder: Path) -> None:
    stream = open_stream("1.0.0", path=folder)
    assert pq.ParquetFile(folder / "snapshots" / "1.0.0" / "articles.parquet").num_row_groups == 4
    batches = list(iter_batches(stream))
    assert [len(b) for b in batches] == [1, 1, 1, 1]
    assert pa.Table.from_batches(batches).to_pylist() == vc.load_corpus("1.0.0").data.table.to_pylist()
    assert _rows(vc.load_corpus(path=folder, streaming=True)) == _rows(vc.load_corpus("1.0.0"))


def _changed(folder: Path) -> pa.Table:
    table = pq.read_table(folder / "snapshots" / "1.0.0" / "articles.parquet")
    texts = table.column("text").to_pylist()
    texts[2] = texts[2].replace("a", "а", 1)  # a Cyrillic a
    return table.set_column(table.schema.get_field_index("text"), table.schema.field("text"), pa.array(texts))


def test_a_stream_of_changed_rows_fails_after_its_last_row(folder: Path) -> None:
    _rewrite(folder, _changed(folder), row_group_size=1)
    streamed = vc.load_corpus(path=folder, streaming=True)  # the manifest and the footer agree
    seen = []
    with pytest.raises(IntegrityError, match=r"1\.0\.0/articles\.parquet: rows have fingerprint .* expected"):
        for row in streamed:
            seen.append(row["id"])
    assert len(seen) == 4
    with pytest.raises(IntegrityError, match="rows have fingerprint"):
        vc.load_corpus(path=folder, memory_map=True, cache_dir=folder.parent / "cache")
    assert not (folder.parent / "cache").exists() or not list((folder.parent / "cache").iterdir()), "nothing kept"


def test_a_stream_of_a_file_changed_on_disk_fails(folder: Path) -> None:
    streamed = vc.load_corpus(path=folder, streaming=True)
    data = folder / "snapshots" / "1.0.0" / "articles.parquet"
    manifest = (folder / "snapshots" / "1.0.0" / "manifest.json").read_bytes()
    pq.write_table(_changed(folder), data, **{**PARQUET_OPTIONS, "row_group_size": 1})  # type: ignore[arg-type]
    with pytest.raises(IntegrityError, match="does not match its manifest|rows recorded|readable"):
        _rows(streamed)
    data.write_bytes(data.read_bytes()[:-100])  # the footer cut: refused at once
    with pytest.raises(IntegrityError, match="not readable Parquet"):
        vc.load_corpus(path=folder, streaming=True)
    assert (folder / "snapshots" / "1.0.0" / "manifest.json").read_bytes() == manifest


def test_a_stream_refuses_a_manifest_changed_since_the_load(folder: Path) -> None:
    streamed = vc.load_corpus(path=folder, streaming=True)
    _rewrite(folder, _changed(folder), row_group_size=1)
    manifest_path = folder / "snapshots" / "1.0.0" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["fingerprint"] = vc.fingerprint(datasets.Dataset(_changed(folder)))
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IntegrityError, match="load the corpus again"):
        _rows(streamed)


def test_a_changed_arrow_file_is_refused_and_written_again_once_deleted(folder: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    good = vc.load_corpus(path=folder, memory_map=True, cache_dir=cache).to_list()
    (file,) = cache.iterdir()
    table = pa.ipc.open_stream(pa.memory_map(str(file))).read_all()
    texts = table.column("text").to_pylist()
    texts[0] = texts[0] + " "
    table = table.set_column(table.schema.get_field_index("text"), table.schema.field("text"), pa.array(texts))
    file.unlink()
    with pa.OSFile(str(file), "wb") as sink, pa.ipc.new_stream(sink, table.schema) as out:
        out.write_table(table)
    with pytest.raises(IntegrityError, match=rf"{file}: rows have fingerprint .*Delete {file}"):
        vc.load_corpus(path=folder, memory_map=True, cache_dir=cache)
    file.write_bytes(b"not arrow")
    with pytest.raises(IntegrityError, match="not a readable Arrow file"):
        vc.load_corpus(path=folder, memory_map=True, cache_dir=cache)
    file.unlink()
    assert vc.load_corpus(path=folder, memory_map=True, cache_dir=cache).to_list() == good


def test_cache_folder_defaults(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VENEZUELA_CORPUS_CACHE", raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache_folder() == tmp_path / ".cache" / "venezuela-corpus"
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "venezuela-corpus"
    monkeypatch.setenv("VENEZUELA_CORPUS_CACHE", str(tmp_path / "env"))
    assert cache_folder() == tmp_path / "env" and cache_folder("mine") == Path("mine")


def _big_folder(root: Path, n: int) -> Path:
    """A corpus folder whose 1.0.0 holds *n* rows (the shipped rows, repeated under new ids), 256 to a row group."""
    from venezuela_corpus.fingerprint import fingerprint_table
    from venezuela_corpus.schema import schema_spec
    from venezuela_corpus.store import Manifest, file_entry

    out = subprocess.run([sys.executable, "-m", "venezuela_corpus", "init", str(root)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    shipped = pq.read_table(ROOT / "venezuela_corpus" / "snapshots" / "1.0.0" / "articles.parquet")
    table = pa.concat_tables([shipped] * (n // shipped.num_rows))
    ids = [f"{i:07d}" for i in range(table.num_rows)]
    table = table.set_column(0, table.schema.field("id"), pa.array(ids))
    folder = root / "snapshots" / "1.0.0"
    folder.mkdir(parents=True)
    pq.write_table(table, folder / "articles.parquet", **{**PARQUET_OPTIONS, "row_group_size": 256})  # type: ignore[arg-type]
    manifest = Manifest(
        version="1.0.0",
        fingerprint=fingerprint_table(table),
        rows=table.num_rows,
        files={"articles.parquet": file_entry(folder / "articles.parquet")},
        schema=schema_spec(table.schema),
        ruleset_version="test",
        tools={},
    )
    (folder / "manifest.json").write_bytes(manifest.to_json())
    return root


def _stream_peak(root: Path) -> tuple[int, int]:
    """Peak Python allocations and peak Arrow memory while the stream is read (batches dropped)."""
    import tracemalloc

    stream = open_stream("1.0.0", path=root)
    base, arrow_peak = pa.total_allocated_bytes(), 0
    tracemalloc.start()
    try:
        for batch in iter_batches(stream):
            arrow_peak = max(arrow_peak, pa.total_allocated_bytes() - base)
            del batch
        return tracemalloc.get_traced_memory()[1], arrow_peak
    finally:
        tracemalloc.stop()


def test_a_stream_reads_in_memory_flat_in_the_rows(tmp_path: Path) -> None:
    small, large = (_big_folder(tmp_path / f"c{n}", n) for n in (1024, 4096))
    assert vc.load_corpus(path=large).num_rows == 4096
    _stream_peak(small)  # warm
    (py_small, arrow_small), (py_large, arrow_large) = _stream_peak(small), _stream_peak(large)
    assert py_large < 1.25 * py_small + 64 * 1024, (py_small, py_large)
    assert arrow_large < 1.25 * arrow_small + 1024 * 1024, (arrow_small, arrow_large)
