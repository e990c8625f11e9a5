"""Hub export checked with the real libraries, locally: datasets, huggingface_hub, mlcroissant.

The Hub itself cannot be reached here; publish's network part is a thin layer over
huggingface_hub, and everything before it is tested on real files.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import datasets
import pytest
import yaml

import venezuela_corpus as vc
from venezuela_corpus.card import agents
from venezuela_corpus.corpus import Corpus, CorpusInfo
from venezuela_corpus.errors import IntegrityError, PublishError
from venezuela_corpus.fingerprint import fingerprint_rows
from venezuela_corpus.hub import export_hub, publish
from venezuela_corpus.schema import FIELDS

from .conftest import ROOT


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hub")
    export_hub(folder, "1.0.1", repo_id="someone/venezuela-corpus")
    return folder


@pytest.fixture(autouse=True)
def _hf_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setenv("HF_DATASETS_CACHE", str(tmp_path / "hf" / "datasets"))


def test_exact_repository_files(exported: Path) -> None:
    names = sorted(p.relative_to(exported).as_posix() for p in exported.rglob("*") if p.is_file())
    assert names == ["README.md", "TERMS.md", "croissant.json", "data/train.parquet"]


def test_load_dataset_on_export_equals_load_corpus(exported: Path) -> None:
    hub = datasets.load_dataset(str(exported), split="train")
    pkg = vc.load_corpus("1.0.1")
    assert hub.features == pkg.features
    assert hub.to_list() == pkg.to_list()


def test_card_front_matter_and_body(exported: Path) -> None:
    from huggingface_hub import DatasetCard, DatasetCardData

    card = DatasetCard.load(exported / "README.md")
    assert isinstance(card.data, DatasetCardData)
    data = card.data.to_dict()
    for key in (
        "pretty_name",
        "language",
        "license",
        "license_name",
        "multilinguality",
        "size_categories",
        "source_datasets",
        "task_categories",
        "tags",
        "configs",
        "dataset_info",
    ):
        assert data.get(key), key
    assert data["language"] == ["id"] and data["license"] == "other"
    assert data["configs"][0]["data_files"][0]["path"] == "data/train.parquet"
    features = datasets.Features._from_yaml_list(data["dataset_info"]["features"])
    assert features == vc.load_corpus("1.0.1").features
    text = card.text
    for heading in (
        "## How to load",
        "## Fields",
        "## Sources",
        "## How the text was cleaned",
        "## Versions and fingerprints",
        "## Citation",
        "## Limitations and biases",
        "## Personal and sensitive information",
        "## Terms of use",
    ):
        assert heading in text
    assert 'revision="v1.0.1"' in text and vc.pin("1.0.0") in text and vc.pin("1.0.1") in text
    assert "`keyword_footer`" in text and "netizen.media" in text


def test_croissant_validates_and_reads_records(exported: Path) -> None:
    import mlcroissant as mlc

    ds = mlc.Dataset(jsonld=str(exported / "croissant.json"))
    assert not ds.metadata.issues.errors and not ds.metadata.issues.warnings
    records = list(ds.records("articles"))
    by_id = {r["articles/id"].decode() if isinstance(r["articles/id"], bytes) else r["articles/id"]: r for r in records}
    assert sorted(by_id) == sorted(vc.load_corpus("1.0.1")["id"])
    kw = by_id["002_c5021111c916f18a"]["articles/keywords"]
    assert [k.decode() if isinstance(k, bytes) else k for k in kw] == ["Maduro", "Venezuela", "AS"]


def test_croissant_is_1_1_throughout(exported: Path) -> None:
    import mlcroissant as mlc
    import rdflib

    text = (exported / "croissant.json").read_text()
    doc = json.loads(text)
    assert doc["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    body = json.dumps({k: v for k, v in doc.items() if k != "@context"})
    assert '"isArray": true' in body and "cr:isArray" not in body and "repeated" not in body  # 1.1's one term
    ds = mlc.Dataset(jsonld=str(exported / "croissant.json"))
    assert ds.metadata.ctx.is_v1_1()
    lists = sorted(f.name for f in FIELDS if f.type.startswith("list<"))
    assert sorted(f.name for f in ds.metadata.record_sets[0].fields if f.is_array) == lists
    graph = rdflib.Graph().parse(data=text, format="json-ld")
    cr, sc = rdflib.Namespace("http://mlcommons.org/croissant/"), rdflib.Namespace("https://schema.org/")
    assert len(list(graph.subject_objects(cr.isArray))) == len(lists)  # the context maps the term into Croissant's
    agents_ = (sc.creator, sc.publisher)
    names = {p: sorted(str(graph.value(o, sc.name)) for o in graph.objects(None, p)) for p in agents_}
    author = re.search(r"author\s*=\s*\{\{(.+?)\}\}", (ROOT / "venezuela_corpus/descr/CITATION.bib").read_text())
    assert author and names == {sc.creator: [author[1]], sc.publisher: ["someone"]}
    assert doc["license"] == "https://huggingface.co/datasets/someone/venezuela-corpus/blob/v1.0.1/TERMS.md"


def test_croissant_agents_of_a_corpus_of_ones_own(tmp_path: Path) -> None:
    mine = Corpus(CorpusInfo("mine", "Berita.", "CC-BY-4.0"), tmp_path, None, tmp_path)
    me = {"@type": "sc:Organization", "name": "me", "url": "https://huggingface.co/me"}
    assert agents(mine, "me/mine") == {"creator": me, "publisher": me}
    bare = {"@type": "sc:Organization", "name": "mine", "url": "https://huggingface.co/datasets/mine"}
    assert agents(mine, "mine") == {"creator": bare}  # no namespace written down: no publisher guessed
    home = Corpus(CorpusInfo("mine", "Berita.", "CC-BY-4.0", homepage="https://example.org/mine"), tmp_path, None, None)
    assert agents(home, "me/mine")["creator"]["url"] == "https://example.org/mine"


def test_card_sizes_follow_push_to_hub(exported: Path) -> None:
    from huggingface_hub import DatasetCard

    info = DatasetCard.load(exported / "README.md").data.to_dict()["dataset_info"]
    hub = datasets.load_dataset(str(exported), split="train")
    # push_to_hub records a split's rows in Arrow memory (Dataset.data.nbytes) and the Parquet bytes it uploads
    (split,) = info["splits"]
    assert split["num_bytes"] == hub.data.nbytes == vc.load_corpus("1.0.1").data.nbytes
    assert info["dataset_size"] == split["num_bytes"]
    assert info["download_size"] == (exported / "data" / "train.parquet").stat().st_size != split["num_bytes"]


def test_export_is_deterministic(exported: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    export_hub(again, "1.0.1", repo_id="someone/venezuela-corpus")
    for p in exported.rglob("*"):
        if p.is_file():
            assert (again / p.relative_to(exported)).read_bytes() == p.read_bytes()


def test_load_back_verified(exported: Path, tmp_path: Path) -> None:
    ds = vc.load_corpus("1.0.1", source="hub", repo_id=str(exported))
    assert vc.fingerprint(ds) == vc.manifest("1.0.1").fingerprint
    with pytest.raises(IntegrityError):
        vc.load_corpus("1.0.0", source="hub", repo_id=str(exported))  # the folder holds 1.0.1's rows


def test_load_back_detects_changed_rows(exported: Path, tmp_path: Path) -> None:
    import shutil

    import pyarrow.parquet as pq

    bad = tmp_path / "bad"
    shutil.copytree(exported, bad)
    table = pq.read_table(bad / "data" / "train.parquet")
    rows = table.to_pylist()
    rows[0]["text"] += " Tambahan."
    pq.write_table(table.from_pylist(rows, schema=table.schema), bad / "data" / "train.parquet")
    assert fingerprint_rows(rows, table.schema.names) != vc.manifest("1.0.1").fingerprint
    with pytest.raises(IntegrityError, match="rows have fingerprint"):
        vc.load_corpus("1.0.1", source="hub", repo_id=str(bad))


def test_publish_dry_run_uses_no_network_or_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    result = publish("someone/venezuela-corpus", "1.0.1", dry_run=True)
    assert result.action == "dry-run" and result.tag == "v1.0.1"
    assert [f.path for f in result.files] == ["README.md", "TERMS.md", "croissant.json", "data/train.parquet"]


def test_publish_without_token_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    monkeypatch.setenv("HF_TOKEN_PATH", str(tmp_path / "no-token"))
    with pytest.raises(PublishError, match="no Hugging Face token"):
        publish("someone/venezuela-corpus", "1.0.1")


def test_token_never_appears_in_output_or_errors(tmp_path: Path) -> None:
    """A real publish attempt with a secret token; the Hub is unreachable here, so it fails,
    and neither stdout, stderr nor the exception text may contain the token."""
    secret = "hf_SECRETtoken1234567890abcdefghijkl"
    env = {
        **os.environ,
        "HF_TOKEN": secret,
        "HF_HOME": str(tmp_path / "hf"),
        "HF_HUB_ETAG_TIMEOUT": "2",
        "HF_HUB_DOWNLOAD_TIMEOUT": "2",
        "HF_ENDPOINT": "http://127.0.0.1:9",
    }
    for args in (
        ["publish", "someone/venezuela-corpus"],
        ["--debug", "publish", "someone/venezuela-corpus"],
        ["publish", "someone/venezuela-corpus", "--token", secret],
    ):
        out = subprocess.run(
            [sys.executable, "-m", "venezuela_corpus", *args], capture_output=True, text=True, env=env, timeout=300
        )
        assert out.returncode != 0
        assert secret not in out.stdout and secret not in out.stderr
        assert "publishing someone/venezuela-corpus v1.0.1 failed" in out.stderr


def test_card_yaml_is_plain_yaml(exported: Path) -> None:
    text = (exported / "README.md").read_text()
    _, matter, _ = text.split("---\n", 2)
    assert yaml.safe_load(matter)["pretty_name"].startswith("venezuela-corpus")
    assert json.loads((exported / "croissant.json").read_text())["version"] == "1.0.1"


# --- the card's template and the rules of the snapshot's own rule set ---------------------------


def test_a_released_card_names_its_rule_set_and_only_the_rules_its_rows_record(exported: Path) -> None:
    text = (exported / "README.md").read_text(encoding="utf-8")
    assert "This snapshot was cleaned by rule set 1.1, whose table its manifest does not record" in text
    rows = vc.load_corpus("1.0.1")
    fired = sorted({r["rule"] for row in rows["removed"] for r in row})
    table = [line.split("|")[1].strip().strip("`") for line in text.splitlines() if "| not recorded |" in line]
    assert sorted(table) == fired


def test_a_new_build_records_its_rule_table_and_its_card_uses_it(tmp_path: Path) -> None:
    import shutil

    from venezuela_corpus.corpus import init
    from venezuela_corpus.rules import RULES, RULESET_VERSION
    from venezuela_corpus.store import Manifest

    corpus = init(tmp_path / "mine", name="mine", license="CC-BY-4.0", description="Berita banjir.").root
    assert corpus is not None
    for p in (Path(__file__).parent.parent / "seeds").iterdir():
        shutil.copy(p, corpus / "seeds" / p.name)
    manifest = vc.build("0.1.0", corpus=corpus)
    assert manifest.rules == [{"name": r.name, "where": r.where.value, "action": r.action.value} for r in RULES]
    assert Manifest.from_json(manifest.to_json(), "m").rules == manifest.rules
    export_hub(tmp_path / "hub", "0.1.0", repo_id="someone/mine", path=corpus)
    text = (tmp_path / "hub" / "README.md").read_text(encoding="utf-8")
    assert f"as this snapshot's manifest records rule set {RULESET_VERSION}, that removed text" in text
    where = {r.name: r.where.value for r in RULES}
    for line in (line for line in text.splitlines() if line.startswith("| `") and line.count("|") == 4):
        name, shown = (c.strip().strip("`") for c in line.split("|")[1:3])
        if name in where:
            assert shown == where[name], line
    assert text.split("\n---\n", 1)[1].lstrip().startswith("# mine 0.1.0\n\nBerita banjir.")
    assert "pretty_name: mine\n" in text and "venezuela" not in text.split("\n---\n", 1)[0]
    assert "CC-BY-4.0" in text and "netizen.media article is a machine translation" not in text
    assert 'load_corpus("0.1.0", path="mine")' in text


def test_a_manifest_with_a_malformed_rule_table_is_refused() -> None:
    from venezuela_corpus.store import check_manifest, open_snapshot

    doc = json.loads(open_snapshot("1.0.1").manifest.to_json())
    assert check_manifest(doc) == []
    assert check_manifest({**doc, "rules": [{"name": "x", "where": 3, "action": "drop"}]}) == [
        "'rules' is not a list of objects of strings"
    ]
