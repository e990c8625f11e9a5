"""The clean stage as a function of an Arrow batch, run on a real engine in local mode."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import datasets
import pytest

import venezuela_corpus as vc
from venezuela_corpus import IngestError
from venezuela_corpus.batch import RAW_COLUMNS, process_arrow, process_pydict, raw_table, write_raw

from .conftest import ROOT


@pytest.fixture(scope="module")
def raw() -> object:
    return raw_table(ROOT / "seeds")


def _newest_rows() -> list[dict[str, object]]:
    return vc.load_corpus().to_list()


def test_process_arrow_equals_the_shipped_newest_version(raw: object) -> None:
    assert process_arrow(raw).to_pylist() == _newest_rows()  # type: ignore[arg-type]


def test_datasets_map_with_two_processes(raw: object, tmp_path: Path) -> None:
    ds = datasets.Dataset(datasets.table.InMemoryTable(raw))
    out = ds.map(
        process_pydict,
        batched=True,
        batch_size=2,
        num_proc=2,
        remove_columns=list(RAW_COLUMNS),
        features=vc.load_corpus().features,
        cache_file_name=str(tmp_path / "map.arrow"),
    )
    assert out.to_list() == _newest_rows()


def test_write_raw_streams_the_same_rows_to_parquet(raw: object, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert write_raw(ROOT / "seeds", tmp_path / "raw.parquet") == 4
    assert pq.read_table(tmp_path / "raw.parquet").equals(raw)


def test_write_raw_leaves_nothing_on_bad_input(seeds: Path, tmp_path: Path) -> None:
    (seeds / "009_orphan.txt").write_text("Tanpa metadata.")
    with pytest.raises(IngestError, match=r"009_orphan.txt: \[metadata_missing\]"):
        write_raw(seeds, tmp_path / "raw.parquet")
    assert not (tmp_path / "raw.parquet").exists()


@pytest.mark.skipif(importlib.util.find_spec("ray") is None, reason="the scale extra (ray) is not installed")
def test_ray_data_map_batches_local(tmp_path: Path) -> None:
    import ray

    write_raw(ROOT / "seeds", tmp_path / "raw.parquet")
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, ignore_reinit_error=True)
    try:
        ds = ray.data.read_parquet(str(tmp_path / "raw.parquet"))
        ds = ds.map_batches(process_arrow, batch_format="pyarrow", batch_size=2)
        rows = sorted(ds.take_all(), key=lambda r: r["id"])
    finally:
        ray.shutdown()
    expected = _newest_rows()
    assert [r["id"] for r in rows] == [r["id"] for r in expected]
    assert [r["text"] for r in rows] == [r["text"] for r in expected]
