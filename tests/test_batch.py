"""The clean stage as a function of an Arrow batch, run on a real engine in local mode."""

from __future__ import annotations

from pathlib import Path

import datasets
import pytest

import venezuela_corpus as vc
from venezuela_corpus import IngestError
from venezuela_corpus.batch import (
    RAW_COLUMNS,
    check_arrow,
    corpus_table,
    output_schema,
    process_arrow,
    process_pydict,
    raw_table,
    write_raw,
)
from venezuela_corpus.schema import FIELD_NAMES

from .conftest import ROOT


@pytest.fixture(scope="module")
def raw() -> object:
    return raw_table(ROOT / "seeds")


def _newest_rows() -> list[dict[str, object]]:
    return vc.load_corpus().to_list()


def test_process_arrow_equals_the_shipped_newest_version(raw: object) -> None:
    out = process_arrow(raw)  # type: ignore[arg-type]
    assert out.schema.names == [*FIELD_NAMES, "printed_outlet"]
    assert corpus_table(out).to_pylist() == _newest_rows()
    assert corpus_table(out.to_batches()[0]).num_rows == out.num_rows
    found = [{"check": p.check, "where": p.where, "message": p.message} for p in check_arrow(out)]
    assert found == vc.manifest().warnings  # the engine path's checks find what the build recorded


def test_engine_path_keeps_what_the_outlet_check_needs(seeds: Path) -> None:
    """A seed whose metadata names another outlet than its dateline: the check fires on the engine path."""
    import json

    doc = json.loads((seeds / "metadata.json").read_text(encoding="utf-8"))
    entry = next(e for e in doc["articles"] if e["outlet"] == "Republika")
    entry["outlet"] = "Tempo.co"
    (seeds / "metadata.json").write_text(json.dumps(doc), encoding="utf-8")
    problems = check_arrow(process_arrow(raw_table(seeds)))
    mismatch = [p for p in problems if p.check == "outlet_mismatch"]
    assert [(p.where, p.message) for p in mismatch] == [
        (entry["file"].removesuffix(".txt"), "text names outlet 'REPUBLIKA.CO.ID' but metadata says 'Tempo.co'")
    ]


def test_datasets_map_with_two_processes(raw: object, tmp_path: Path) -> None:
    ds = datasets.Dataset(datasets.table.InMemoryTable(raw))
    out = ds.map(
        process_pydict,
        batched=True,
        batch_size=2,
        num_proc=2,
        remove_columns=list(RAW_COLUMNS),
        features=datasets.Features.from_arrow_schema(output_schema()),
        cache_file_name=str(tmp_path / "map.arrow"),
    )
    assert out.select_columns(list(FIELD_NAMES)).to_list() == _newest_rows()


def test_write_raw_streams_the_same_rows_to_parquet(raw: object, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    assert write_raw(ROOT / "seeds", tmp_path / "raw.parquet") == 4
    assert pq.read_table(tmp_path / "raw.parquet").equals(raw)


def test_write_raw_leaves_nothing_on_bad_input(seeds: Path, tmp_path: Path) -> None:
    (seeds / "009_orphan.txt").write_text("Tanpa metadata.")
    with pytest.raises(IngestError, match=r"009_orphan.txt: \[metadata_missing\]"):
        write_raw(seeds, tmp_path / "raw.parquet")
    assert not (tmp_path / "raw.parquet").exists()
