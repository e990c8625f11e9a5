"""The one snapshot writer: the shipped snapshots rewritten through it are the same bytes."""

from __future__ import annotations

import json
from importlib.metadata import version as dist_version
from pathlib import Path

import pytest

import venezuela_corpus as vc
from venezuela_corpus.errors import Problem
from venezuela_corpus.store import DATA_FILE, MANIFEST_FILE, Manifest, read_manifest
from venezuela_corpus.writer import SnapshotWriter

from .conftest import ROOT

SHIPPED = Path(vc.__file__).parent / "snapshots"
RELEASED = json.loads((ROOT / "tests" / "released.json").read_text())


@pytest.mark.parametrize("version", sorted(RELEASED))
@pytest.mark.parametrize("rows_per_write", [1, 3, 1000])
def test_a_shipped_snapshot_rewritten_is_the_same_snapshot(version: str, rows_per_write: int, tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    shipped = read_manifest(SHIPPED / version)
    table = pq.read_table(SHIPPED / version / DATA_FILE)
    warnings = [Problem("warning", w["check"], w["where"], w["message"]) for w in shipped.warnings]
    with SnapshotWriter(tmp_path, version) as out:
        for batch in table.to_batches(max_chunksize=rows_per_write):
            out.write(pa.Table.from_batches([batch]))
        manifest = out.commit(
            warnings, ruleset_version=shipped.ruleset_version, tools=shipped.tools, rules=shipped.rules
        )
    assert manifest.fingerprint == shipped.fingerprint == RELEASED[version]
    assert pq.read_table(tmp_path / version / DATA_FILE).equals(table)
    if dist_version("pyarrow") != shipped.tools["pyarrow"]:
        pytest.skip(f"the Parquet bytes are pyarrow {shipped.tools['pyarrow']}'s, not this pyarrow's")
    assert (tmp_path / version / DATA_FILE).read_bytes() == (SHIPPED / version / DATA_FILE).read_bytes()
    assert manifest == shipped  # the bytes differ: the shipped manifests predate the recorded rule table


def test_leaving_without_a_commit_leaves_nothing(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    table = pq.read_table(SHIPPED / "1.0.0" / DATA_FILE)
    with pytest.raises(RuntimeError, match="stop"), SnapshotWriter(tmp_path, "1.0.0") as out:
        out.write(table)
        assert out.data.is_file() and out.rows == table.num_rows
        raise RuntimeError("stop")
    assert [p.name for p in tmp_path.iterdir()] == [".build.lock"]


def test_the_manifest_records_the_package_by_default(tmp_path: Path) -> None:
    from venezuela_corpus.rules import RULESET_VERSION
    from venezuela_corpus.writer import rule_table, tool_versions

    with SnapshotWriter(tmp_path, "0.1.0") as out:
        manifest = out.commit()
    assert manifest == Manifest.from_json((tmp_path / "0.1.0" / MANIFEST_FILE).read_bytes(), "m", "0.1.0")
    assert (manifest.rows, manifest.ruleset_version, manifest.warnings) == (0, RULESET_VERSION, [])
    assert (manifest.tools, manifest.rules) == (tool_versions(), rule_table())
    assert manifest.tools["pyarrow"] == dist_version("pyarrow")
