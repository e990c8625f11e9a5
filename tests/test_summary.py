"""The summary `info` prints, computed from the Arrow table without `datasets`, checked against a load."""

from __future__ import annotations

import statistics
from collections import Counter

import datasets
import pyarrow as pa
import pytest

import venezuela_corpus as vc
from venezuela_corpus.store import open_snapshot
from venezuela_corpus.summary import feature_repr, summarise_table


@pytest.mark.parametrize("version", vc.versions())
def test_summary_matches_the_loaded_dataset(version: str) -> None:
    snapshot = open_snapshot(version)
    facts = summarise_table(snapshot.table, snapshot.version, snapshot.pin)
    ds = vc.load_corpus(version)
    dates = sorted(d.isoformat() for d in ds["published_date"] if d is not None)
    assert facts["version"] == version and facts["pin"] == vc.pin(version) and facts["rows"] == ds.num_rows
    assert facts["fingerprint"] == vc.fingerprint(ds)
    assert facts["fields"] == {name: str(feature) for name, feature in ds.features.items()}
    assert facts["outlets"] == dict(sorted(Counter(ds["outlet"]).items()))
    assert facts["years"] == dict(sorted(Counter(d[:4] for d in dates).items()))
    assert facts["date_range"] == [dates[0], dates[-1]]
    words = ds["n_words"]
    median = statistics.median(words)
    assert facts["words"] == {"total": sum(words), "min": min(words), "median": median, "max": max(words)}
    assert facts["language"] == dict(Counter(ds["language"]))
    assert facts["language_score_min"] == min(ds["language_score"])
    assert facts["preview"] == {"id": ds[0]["id"], "title": ds[0]["title"], "text": ds[0]["text"][:240]}


TYPES = [
    pa.string(),
    pa.large_string(),
    pa.int32(),
    pa.int64(),
    pa.float32(),
    pa.float64(),
    pa.bool_(),
    pa.date32(),
    pa.list_(pa.string()),
    pa.list_(pa.field("element", pa.string())),
    pa.list_(pa.struct([("rule", pa.string()), ("text", pa.string())])),
    pa.struct([("a", pa.int32()), ("b", pa.list_(pa.float64()))]),
]


@pytest.mark.parametrize("arrow_type", TYPES, ids=str)
def test_feature_repr_is_how_datasets_prints_the_feature(arrow_type: pa.DataType) -> None:
    schema = pa.schema([pa.field("x", arrow_type)])
    assert feature_repr(arrow_type) == str(datasets.Features.from_arrow_schema(schema)["x"])


def test_summary_of_an_empty_table_and_of_rows_without_dates() -> None:
    schema = open_snapshot("1.0.0").table.schema
    empty = summarise_table(schema.empty_table(), "0.0.1", "x==0.0.1@sha256:00")
    assert empty["rows"] == 0 and empty["fingerprint"] == "sha256:00"
    assert empty["words"] is None and empty["date_range"] is None and empty["preview"] is None
    assert empty["outlets"] == {} and empty["years"] == {} and empty["language_score_min"] is None
    table = open_snapshot("1.0.0").table
    undated = table.set_column(
        table.schema.get_field_index("published_date"),
        table.schema.field("published_date"),
        pa.nulls(table.num_rows, pa.date32()),
    )
    facts = summarise_table(undated, "1.0.0", vc.pin("1.0.0"))
    assert facts["date_range"] is None and facts["years"] == {} and facts["rows"] == 4
