"""A corpus is a folder: init, build into it, load from it; the package's own corpus; writes refused
inside installed packages; honest fingerprints; no import cycles among the modules."""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import datasets
import pytest

import venezuela_corpus as vc
from venezuela_corpus import build, load_corpus
from venezuela_corpus.corpus import CORPUS_FILE, locate, open_folder
from venezuela_corpus.errors import CorpusError, NotACorpusError, ReadOnlyCorpusError
from venezuela_corpus.maintain import add_article, check_files
from venezuela_corpus.rules import RULESET_VERSION
from venezuela_corpus.store import open_snapshot

from .conftest import ROOT

RELEASED = json.loads((Path(__file__).parent / "released.json").read_text())
PACKAGE = ROOT / "venezuela_corpus"


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", *args], cwd=cwd, capture_output=True, text=True, timeout=300
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def mine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus started with `init`, given the four seeds, built as 0.1.0 with the command line."""
    folder = tmp_path_factory.mktemp("corpora") / "mine"
    out = cli(
        "init", str(folder), "--name", "mine", "--license", "CC-BY-4.0",
        "--description", "Berita contoh untuk uji.", "--citation", "Contoh, 2026.",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert str(folder) in out.stdout
    for seed in (ROOT / "seeds").iterdir():
        shutil.copy(seed, folder / "seeds" / seed.name)
    out = cli("build", "--corpus", str(folder), "--version", "0.1.0", cwd=folder.parent)
    assert out.returncode == 0, out.stderr
    assert f"in {folder / 'snapshots' / '0.1.0'}" in out.stdout
    assert "pin: mine==0.1.0@sha256:" in out.stdout
    return folder


def test_init_writes_the_corpus_description(mine: Path) -> None:
    doc = json.loads((mine / CORPUS_FILE).read_text())
    assert doc == {
        "format": 1,
        "name": "mine",
        "description": "Berita contoh untuk uji.",
        "license": "CC-BY-4.0",
        "citation": "Contoh, 2026.",
        "homepage": None,
    }
    assert sorted(p.name for p in mine.iterdir()) == ["corpus.json", "seeds", "snapshots"]


def test_init_refuses_an_existing_corpus(mine: Path) -> None:
    before = _files(mine)
    out = cli("init", str(mine))
    assert out.returncode == 3
    assert "already holds a corpus" in out.stderr and "--corpus" in out.stderr
    assert _files(mine) == before


def test_load_from_a_corpus_folder_is_typed_verified_and_writes_nothing(mine: Path) -> None:
    before = _files(mine)
    ds = load_corpus("0.1.0", path=mine)
    assert _files(mine) == before
    assert ds.num_rows == 4 and ds.features["published_date"] == datasets.Value("date32")
    assert ds.info.license == "CC-BY-4.0" and ds.info.citation == "Contoh, 2026."
    assert ds.info.description.startswith("Berita contoh untuk uji.")
    assert ds.info.dataset_name == "mine" and ds.info.version.version_str == "0.1.0"
    pin = vc.pin("0.1.0", path=mine)
    assert pin == f"mine==0.1.0@{vc.fingerprint(ds)}" and pin in ds.info.description
    # the same seeds and rules give the rows of the package's newest version
    assert ds.to_list() == load_corpus(path=None).to_list()
    assert vc.versions(mine) == ["0.1.0"] and vc.versions(str(mine)) == ["0.1.0"]


def test_load_by_pin_from_a_corpus_folder(mine: Path) -> None:
    assert load_corpus(vc.pin(path=mine), path=mine).num_rows == 4


def test_a_damaged_corpus_folder_is_detected(mine: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(mine, copy)
    data = copy / "snapshots" / "0.1.0" / "articles.parquet"
    data.write_bytes(data.read_bytes()[:-1] + b"\0")
    with pytest.raises(vc.IntegrityError, match="does not match its manifest"):
        load_corpus("0.1.0", path=copy)


def test_readers_take_the_corpus_folder(mine: Path, tmp_path: Path) -> None:
    assert cli("versions", "--corpus", str(mine)).stdout.startswith("mine==0.1.0@sha256:")
    listed = json.loads(cli("versions", "--corpus", str(mine), "--json").stdout)
    m = vc.manifest("0.1.0", path=mine)
    assert listed == [
        {
            "version": "0.1.0",
            "fingerprint": m.fingerprint,
            "pin": vc.pin("0.1.0", path=mine),
            "rows": 4,
            "ruleset_version": m.ruleset_version,
        }
    ]
    built = cli("build", "--corpus", str(mine), "--version", "0.1.0", "--out", str(tmp_path / "elsewhere"))
    assert built.stdout.splitlines()[-1] == f"pin: {listed[0]['pin']}"  # the corpus's name, wherever it went
    assert listed[0]["pin"].startswith("mine==0.1.0@sha256:") and m.ruleset_version == RULESET_VERSION
    info = json.loads(cli("info", "--corpus", str(mine), "--json").stdout)
    assert info["rows"] == 4 and info["pin"].startswith("mine==0.1.0@")
    assert vc.diff("0.1.0", "0.1.0", path=mine).changed == ()
    out = tmp_path / "mine.parquet"
    assert cli("export", "--corpus", str(mine), str(out)).returncode == 0
    assert out.read_bytes() == (mine / "snapshots" / "0.1.0" / "articles.parquet").read_bytes()
    hub = tmp_path / "hub"
    assert cli("export-hub", "--corpus", str(mine), str(hub)).returncode == 0
    card = (hub / "README.md").read_text()
    assert "mine==0.1.0@sha256:" in card and "Berita contoh untuk uji." in card
    assert (hub / "TERMS.md").read_text().endswith("CC-BY-4.0\n")
    front = card.split("---\n")[1]
    assert "\nlicense: cc-by-4.0\n" in f"\n{front}" and "license_name" not in front  # the corpus's own license
    assert json.loads((hub / "croissant.json").read_text())["name"] == "mine"


def test_unknown_version_in_a_corpus_folder_lists_its_versions(mine: Path) -> None:
    out = cli("info", "--corpus", str(mine), "--version", "9.9.9")
    assert out.returncode == 3 and "available: 0.1.0" in out.stderr


def test_the_checkout_is_the_package_corpus_folder() -> None:
    corpus = open_folder(ROOT)
    assert corpus.info.name == "venezuela-corpus"
    assert Path(str(corpus.snapshots)) == PACKAGE / "snapshots" and corpus.seeds == ROOT / "seeds"
    shipped = locate()
    assert shipped.info == corpus.info and Path(str(shipped.snapshots)) == PACKAGE / "snapshots"


def test_a_folder_that_is_no_corpus(tmp_path: Path) -> None:
    with pytest.raises(NotACorpusError, match=r"init .*--corpus DIR"):
        load_corpus(path=tmp_path)
    out = cli("build", "--version", "0.1.0", cwd=tmp_path)
    assert out.returncode == 3 and "not a corpus folder" in out.stderr and "--corpus DIR" in out.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_broken_corpus_json_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / CORPUS_FILE).write_text('{"format": 1, "name": 3}')
    with pytest.raises(CorpusError, match=r"corpus.json is not a valid corpus description: 'name' must be"):
        load_corpus(path=tmp_path)


def test_writes_into_installed_packages_are_refused(tmp_path: Path) -> None:
    inside = Path(sysconfig.get_path("purelib")) / "venezuela_corpus_never_written"
    with pytest.raises(ReadOnlyCorpusError, match=r"installed packages .*--corpus DIR"):
        build("0.1.0", seeds=ROOT / "seeds", root=inside)
    assert not inside.exists()
    out = cli("init", str(inside))
    assert out.returncode == 3 and "refusing to write" in out.stderr
    assert not inside.exists()
    with pytest.raises(ReadOnlyCorpusError):
        add_article(ROOT / "seeds" / "001_48ed567f2e02b0d3.txt", {}, seeds=inside)


def test_validate_without_seeds_finds_duplicates_in_the_snapshot_rows(tmp_path: Path) -> None:
    """An installed package has no seeds/: a copy of a shipped article is still a duplicate."""
    corpus = tmp_path / "shipped"
    shutil.copytree(PACKAGE / "snapshots", corpus / "snapshots")
    copy = tmp_path / "copy.txt"
    shutil.copy(ROOT / "seeds" / "001_48ed567f2e02b0d3.txt", copy)
    report = check_files([copy], None, corpus=open_folder(corpus))
    found = [(p.check, p.message) for p in report.errors if p.check in ("duplicate", "near_duplicate")]
    assert len(found) == 1 and "001_48ed567f2e02b0d3" in found[0][1]
    out = cli("validate", str(copy), "--corpus", str(corpus), "--json")
    assert out.returncode == 1
    assert any("001_48ed567f2e02b0d3" in p["message"] for p in json.loads(out.stdout)["problems"])


# --- honest fingerprints ----------------------------------------------------------------------


def _by_hand(rows: list[dict[str, object]], columns: list[str]) -> str:
    """The documented fingerprint, written out here: header line, then canonical rows sorted by id."""

    def line(obj: dict[str, object]) -> bytes:
        return (json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str) + "\n").encode()

    digest = hashlib.sha256(line({c: c for c in columns}))
    for row in sorted(rows, key=lambda r: str(r["id"])):
        digest.update(line({c: row[c] for c in columns}))
    return "sha256:" + digest.hexdigest()


def test_fingerprint_is_computed_from_the_rows() -> None:
    ds = load_corpus("1.0.0")
    assert vc.fingerprint(ds) == RELEASED["1.0.0"] == _by_hand(ds.to_list(), ds.column_names)
    one = ds.select([0])
    assert vc.fingerprint(one) == _by_hand(one.to_list(), ds.column_names) != RELEASED["1.0.0"]
    kept = ds.filter(lambda r: r["outlet"] != "Republika")
    assert kept.num_rows == 3 and vc.fingerprint(kept) == _by_hand(kept.to_list(), ds.column_names)
    edited = ds.map(lambda r: {"text": r["text"].upper()})
    assert vc.fingerprint(edited) not in (RELEASED["1.0.0"], vc.fingerprint(ds))
    assert vc.fingerprint(ds.shuffle(seed=1)) == RELEASED["1.0.0"]  # order is not content
    with pytest.raises(ValueError, match="'id' column"):
        vc.fingerprint(ds.remove_columns(["id"]))


def test_the_pin_is_public_and_not_in_the_version_description() -> None:
    ds = load_corpus("1.0.1")
    assert ds.info.version.version_str == "1.0.1" and not ds.info.version.description
    assert vc.pin("1.0.1") in ds.info.description
    assert vc.pin("1.0.1") == f"venezuela-corpus==1.0.1@{vc.fingerprint(ds)}" == open_snapshot("1.0.1").pin


# --- the modules ------------------------------------------------------------------------------


def _module_imports(path: Path) -> set[str]:
    """The package modules *path* imports at module level (not inside functions or TYPE_CHECKING)."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found.add(node.module or "")
            if not node.module:
                found |= {a.name for a in node.names}
    return found - {""}


def test_no_import_cycles() -> None:
    graph = {p.stem: _module_imports(p) for p in PACKAGE.glob("*.py")}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, f"import cycle: {' -> '.join((*path, name))}"
        if name in done or name not in graph:
            return
        for child in sorted(graph[name]):
            visit(child, (*path, name))
        done.add(name)

    for name in sorted(graph):
        visit(name, ())


@pytest.mark.parametrize(
    ("given", "card"),
    [
        ("CC-BY-4.0", {"license": "cc-by-4.0"}),
        ("MIT", {"license": "mit"}),
        ("cc by sa 4.0", {"license": "cc-by-sa-4.0"}),
        (
            "Research use only (c) 2026",
            {"license": "other", "license_name": "research-use-only-c-2026", "license_link": "TERMS.md"},
        ),
    ],
)
def test_a_corpus_license_on_its_card(given: str, card: dict[str, str]) -> None:
    from venezuela_corpus.card import hub_license

    assert hub_license(given) == card


def test_collection_paths_take_str_and_pathlike(tmp_path: Path) -> None:
    import os

    from venezuela_corpus.collection import CollectionSource
    from venezuela_corpus.inputs import SeedsFolder
    from venezuela_corpus.sources import open_collection

    csv = tmp_path / "berita.csv"
    csv.write_text("judul,isi\nA,B\n", encoding="utf-8")

    class P(os.PathLike[str]):
        def __fspath__(self) -> str:
            return str(csv)

    for given in (str(csv), P(), csv):
        assert CollectionSource(given).path == csv  # type: ignore[arg-type]
        assert open_collection(given) is not None
    assert SeedsFolder(str(tmp_path)).path == tmp_path  # type: ignore[arg-type]
