"""The public API on the shipped snapshots: load_corpus, versions, pins, Features, info."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import datasets
import pytest

import venezuela_corpus as vc
from venezuela_corpus import IntegrityError, VersionNotFoundError, load_corpus

from .conftest import ROOT

RELEASED = json.loads((Path(__file__).parent / "released.json").read_text())


def test_public_api_is_sorted_and_complete() -> None:
    assert vc.__all__ == sorted(vc.__all__)
    for name in vc.__all__:
        assert hasattr(vc, name)
    for name in ("load_corpus", "versions", "clean_text", "__version__"):
        assert name in vc.__all__


def test_load_corpus_rows_and_types() -> None:
    ds = load_corpus("1.0.0")
    assert isinstance(ds, datasets.Dataset)
    assert ds.num_rows == 4
    assert ds.features["published_date"] == datasets.Value("date32")
    assert ds.features["keywords"] == datasets.List(datasets.Value("string"))
    assert ds.features["removed"] == datasets.List({"rule": datasets.Value("string"), "text": datasets.Value("string")})
    assert set(ds["language"]) == {"id"}
    assert all(s > 0.99 for s in ds["language_score"])
    row = {r["id"][:3]: r for r in ds}
    assert row["002"]["keywords"] == ["Maduro", "Venezuela", "AS"]
    assert row["002"]["published_date"] == dt.date(2018, 9, 9)
    assert row["000"]["dateline"] == "Washington" and row["002"]["dateline"] == "Jakarta"
    assert row["000"]["author"] == "Lintar Satria"
    assert row["003"]["author"] == "Christian K. Caruzo" and row["003"]["translated_from"] == "en"
    assert row["001"]["author"] is None and row["001"]["dateline"] is None
    assert "machine_translated" in row["003"]["flags"] and "link_gap" in row["000"]["flags"]
    assert [r["rule"] for r in row["001"]["removed"]] == ["google_news_footer", "related_link"]
    for r in ds:
        assert r["n_words"] == len(r["text"].split()) and r["n_chars"] == len(r["text"])
        assert r["id"] + ".txt" == r["source_file"]


def test_info_carries_version_citation_license() -> None:
    ds = load_corpus("1.0.0")
    assert ds.info.version.version_str == "1.0.0"
    assert "@misc{" in ds.info.citation
    assert "copyright" in ds.info.license and ds.info.homepage.startswith("https://")
    assert vc.fingerprint(ds) == RELEASED["1.0.0"]
    assert vc.pin("1.0.0") in ds.info.description


@pytest.mark.parametrize("version", sorted(RELEASED))
def test_released_fingerprints_still_match(version: str) -> None:
    assert vc.manifest(version).fingerprint == RELEASED[version]
    assert vc.fingerprint(load_corpus(version, fingerprint=RELEASED[version])) == RELEASED[version]


def test_every_shipped_version_is_released_and_in_changelog() -> None:
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    for version in vc.versions():
        assert version in RELEASED, f"record {version}'s fingerprint in tests/released.json"
        assert f"[corpus {version}]" in changelog


def test_version_resolution() -> None:
    newest = vc.versions()[-1]
    assert load_corpus().info.version.version_str == newest
    assert load_corpus("1").info.version.version_str == max(
        (v for v in vc.versions() if v.startswith("1.")), key=lambda v: tuple(map(int, v.split(".")))
    )
    with pytest.raises(VersionNotFoundError, match=r"available: .*1\.0\.0"):
        load_corpus("9.9.9")


def test_pin_string_round_trip() -> None:
    pin = vc.pin("1.0.0")
    assert pin == f"venezuela-corpus==1.0.0@{RELEASED['1.0.0']}"
    assert load_corpus(pin).num_rows == 4
    wrong = "sha256:" + "0" * 64
    with pytest.raises(IntegrityError, match="not the pinned"):
        load_corpus("1.0.0", fingerprint=wrong)


def test_loads_offline_and_writes_nothing(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {**os.environ, "HF_HOME": str(home), "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HOME": str(home)}
    code = "from venezuela_corpus import load_corpus; ds = load_corpus(); print(ds.num_rows)"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "4"
    written = list(tmp_path.rglob("*"))
    assert written == [], written


def test_all_matches_lazy_exports() -> None:
    from venezuela_corpus import _EXPORTS

    assert sorted(vc.__all__) == sorted([*_EXPORTS, "__version__"])
    assert callable(vc.fingerprint) and callable(vc.diff) and callable(vc.export)


def test_import_is_light() -> None:
    heavy = "('datasets', 'pyarrow', 'ftfy', 'langdetect')"
    code = f"import sys, venezuela_corpus; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_loads_do_not_share_mutable_state() -> None:
    a, b = load_corpus("1.0.0"), load_corpus("1.0.0")
    a.info.description = "changed"
    a.set_format("numpy")
    a.info.features["id"] = datasets.Value("large_string")
    c = load_corpus("1.0.0")
    for other in (b, c):
        assert other.info.description.startswith("venezuela-corpus")
        assert other.format["type"] is None
        assert other.features["id"] == datasets.Value("string")
        assert other.to_list() == b.to_list()
        assert vc.fingerprint(other) == RELEASED["1.0.0"]
