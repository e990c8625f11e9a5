"""The public API as a new user meets it: paths, help, version and fingerprint arguments."""

from __future__ import annotations

import inspect
import json
import pydoc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import venezuela_corpus as vc
from venezuela_corpus import IntegrityError, PublishError, batch
from venezuela_corpus.corpus import init

from .conftest import ROOT

RELEASED = json.loads((Path(__file__).parent / "released.json").read_text())
PUBLIC_MODULES = (vc, batch)


def _public_functions() -> dict[str, Callable[..., Any]]:
    found = {}
    for module in PUBLIC_MODULES:
        names = vc.__all__ if module is vc else [n for n in dir(module) if not n.startswith("_")]
        for name in names:
            obj = getattr(module, name)
            if inspect.isfunction(obj) and (module is vc or obj.__module__ == module.__name__):
                found[f"{module.__name__}.{name}"] = obj
    return found


def _path_params(func: Callable[..., Any]) -> list[str]:
    return [p.name for p in inspect.signature(func).parameters.values() if "Path" in str(p.annotation)]


# Every public function that takes a path, called with its paths as `kind` (str or Path);
# each returns something checked against what is known independently of that function.
def _export(tmp: Path, kind: type) -> object:
    out = vc.export(kind(tmp / "x.jsonl"), version="1.0.0", path=kind(ROOT))  # the checkout is a corpus folder
    return [json.loads(line)["id"] for line in Path(out).read_text().splitlines()]


def _export_hub(tmp: Path, kind: type) -> object:
    return sorted(f.path for f in vc.export_hub(kind(tmp / "hub"), "1.0.1", path=kind(ROOT)))


def _load_hub(tmp: Path, kind: type) -> object:
    vc.export_hub(tmp / "hub", "1.0.1")
    mapped = vc.load_corpus("1.0.1", memory_map=True, cache_dir=kind(tmp / "cache"), path=kind(ROOT))
    assert [Path(c["filename"]).parent for c in mapped.cache_files] == [tmp / "cache"]
    assert vc.fingerprint(mapped) == RELEASED["1.0.1"]
    return vc.fingerprint(vc.load_corpus("1.0.1", source="hub", repo_id=kind(tmp / "hub"), path=kind(ROOT)))


def _build(tmp: Path, kind: type) -> object:
    first = vc.build("1.0.1", seeds=kind(ROOT / "seeds"), root=kind(tmp / "snaps")).fingerprint
    assert vc.build("1.0.1", corpus=kind(ROOT), root=kind(tmp / "snaps")).fingerprint == first
    return first


def _versions(tmp: Path, kind: type) -> object:
    return vc.versions(kind(ROOT))


def _manifest(tmp: Path, kind: type) -> object:
    return vc.manifest("1.0.1", path=kind(ROOT)).fingerprint


def _pin(tmp: Path, kind: type) -> object:
    return vc.pin("1.0.1", path=kind(ROOT)).split("@")[1]


def _diff(tmp: Path, kind: type) -> object:
    return [c.id for c in vc.diff("1.0.0", "1.0.1", path=kind(ROOT)).changed]


def _publish(tmp: Path, kind: type) -> object:
    return sorted(f.path for f in vc.publish(version="1.0.1", dry_run=True, path=kind(ROOT)).files)


def _import_articles(tmp: Path, kind: type) -> object:
    golden = sorted((ROOT / "tests" / "golden").glob("*.txt"))[:1]
    rows = [{"judul": p.stem, "isi": p.read_text(encoding="utf-8"), "link": f"https://x.id/{p.stem}"} for p in golden]
    (tmp / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    init(tmp / "mine")
    report = vc.import_articles(kind(tmp / "a.jsonl"), corpus=kind(tmp / "mine"), dry_run=True)
    again = vc.import_articles(kind(tmp / "a.jsonl"), seeds=kind(tmp / "mine" / "seeds"))
    return [r.status for r in report.rows + again.rows]


def _raw_table(tmp: Path, kind: type) -> object:
    return sorted(batch.raw_table(kind(ROOT / "seeds"))["file"].to_pylist())


def _write_raw(tmp: Path, kind: type) -> object:
    return batch.write_raw(kind(ROOT / "seeds"), kind(tmp / "raw.parquet"))


SEED_FILES = sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))
HUB_FILES = ["README.md", "TERMS.md", "croissant.json", "data/train.parquet"]
CALLS: dict[str, tuple[Callable[[Path, type], object], set[str], object]] = {
    "venezuela_corpus.export": (_export, {"out", "path"}, sorted(f.removesuffix(".txt") for f in SEED_FILES)),
    "venezuela_corpus.export_hub": (_export_hub, {"folder", "path"}, HUB_FILES),
    "venezuela_corpus.load_corpus": (_load_hub, {"repo_id", "path", "cache_dir"}, RELEASED["1.0.1"]),
    "venezuela_corpus.build": (_build, {"corpus", "seeds", "root"}, RELEASED["1.0.1"]),
    "venezuela_corpus.versions": (_versions, {"path"}, sorted(RELEASED)),
    "venezuela_corpus.manifest": (_manifest, {"path"}, RELEASED["1.0.1"]),
    "venezuela_corpus.pin": (_pin, {"path"}, RELEASED["1.0.1"]),
    "venezuela_corpus.diff": (_diff, {"path"}, ["002_c5021111c916f18a"]),
    "venezuela_corpus.publish": (_publish, {"path"}, HUB_FILES),
    "venezuela_corpus.import_articles": (_import_articles, {"source", "corpus", "seeds"}, ["accepted", "accepted"]),
    "venezuela_corpus.batch.raw_table": (_raw_table, {"seeds"}, SEED_FILES),
    "venezuela_corpus.batch.write_raw": (_write_raw, {"seeds", "path"}, len(SEED_FILES)),
}


def test_every_public_path_argument_is_listed_and_accepts_str() -> None:
    """A new public function taking a path must take str too (StrPath) and be tested below."""
    taking_paths = {name: set(_path_params(f)) for name, f in _public_functions().items() if _path_params(f)}
    assert taking_paths == {name: params for name, (_, params, _) in CALLS.items()}
    for name, func in _public_functions().items():
        for param in _path_params(func):
            assert "StrPath" in str(inspect.signature(func).parameters[param].annotation), (name, param)


@pytest.mark.parametrize("kind", [str, Path], ids=["str", "Path"])
@pytest.mark.parametrize("name", sorted(CALLS))
def test_public_functions_accept_str_and_pathlike(name: str, kind: type, tmp_path: Path) -> None:
    call, _, expected = CALLS[name]
    assert call(tmp_path, kind) == expected


def test_a_non_path_is_a_clear_type_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"out must be a path \(str or os.PathLike\), not int: 3"):
        vc.export(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="folder must be a path"):
        vc.export_hub(b"hub")  # type: ignore[arg-type]


def test_signatures_show_small_defaults() -> None:
    for name, func in _public_functions().items():
        for param in inspect.signature(func).parameters.values():
            if param.default is not inspect.Parameter.empty:
                shown = repr(param.default)
                assert len(shown) <= 40 and not Path(str(param.default)).is_absolute(), (name, param.name, shown[:80])


def test_help_is_short() -> None:
    assert len(pydoc.render_doc(vc.clean_text)) < 3_000
    assert "rules: 'Iterable[Rule] | None' = None" in pydoc.render_doc(vc.clean_text)
    for func in _public_functions().values():
        assert len(pydoc.render_doc(func)) < 10_000, func
    # Most of the package's page is what builtins' exception classes inherit; the two records
    # that carry the data (Article, Snapshot) add about 6,000 characters.
    # The page names the package's folder: measure it without, or the checkout's path counts.
    page = pydoc.render_doc(vc).replace(str(Path(vc.__file__).parent), "")
    assert len(page) < 56_000


def test_clean_text_rules_none_is_the_default_table() -> None:
    from venezuela_corpus.rules import RULES

    text = "Jakarta - Harga beras naik.\nKEYWORD :Beras Harga"
    assert vc.clean_text(text) == vc.clean_text(text, rules=RULES) == vc.clean_text(text, rules=None)
    assert vc.clean_text(text, rules=[]).keywords == ()


@pytest.mark.parametrize(
    ("version", "message"),
    [
        (1.0, 'a corpus version is a string such as "1.0.0", not the float 1.0: write "1.0"'),
        (1, 'a corpus version is a string such as "1.0.0", not the int 1: write "1"'),
        (("1", "0"), "not the tuple"),
    ],
)
def test_version_of_the_wrong_type_is_a_clear_type_error(version: object, message: str) -> None:
    for func in (vc.load_corpus, vc.pin, vc.manifest):
        with pytest.raises(TypeError) as info:
            func(version)  # type: ignore[arg-type]
        assert message in str(info.value)
    with pytest.raises(TypeError, match="not the float"):
        vc.diff(1.0, "1.0.1")  # type: ignore[arg-type]


def test_bare_hex_fingerprint_is_accepted() -> None:
    digits = RELEASED["1.0.0"].removeprefix("sha256:")
    assert vc.fingerprint(vc.load_corpus("1.0.0", fingerprint=digits)) == RELEASED["1.0.0"]
    assert vc.fingerprint(vc.load_corpus("1.0.0", fingerprint=digits.upper())) == RELEASED["1.0.0"]


@pytest.mark.parametrize("bad", ["sha256:1234", "cda09bfd", "md5:" + "0" * 64, "z" * 64])
def test_malformed_fingerprint_says_what_a_fingerprint_is(bad: str) -> None:
    with pytest.raises(ValueError, match=r"expected 'sha256:' and 64 hex digits"):
        vc.load_corpus("1.0.0", fingerprint=bad)


def test_another_versions_fingerprint_names_that_version() -> None:
    with pytest.raises(IntegrityError) as info:
        vc.load_corpus("1.0.0", fingerprint=RELEASED["1.0.1"])
    assert f"fingerprint {RELEASED['1.0.1']} is corpus 1.0.1's, not 1.0.0's" in str(info.value)


def test_fingerprint_alone_finds_its_version() -> None:
    for version, fp in RELEASED.items():
        ds = vc.load_corpus(fingerprint=fp)
        assert ds.info.version.version_str == version and vc.fingerprint(ds) == fp
        assert vc.load_corpus(fingerprint=fp.removeprefix("sha256:")).info.version.version_str == version


def test_unknown_fingerprint_lists_the_shipped_ones() -> None:
    unknown = "sha256:" + "0" * 64
    for kwargs in ({}, {"version": "1.0.0"}):
        with pytest.raises(IntegrityError) as info:
            vc.load_corpus(fingerprint=unknown, **kwargs)
        assert f"No corpus version in this package has fingerprint {unknown}" in str(info.value)
        assert all(fp in str(info.value) for fp in RELEASED.values())


def test_source_is_checked() -> None:
    with pytest.raises(ValueError, match="source must be 'package' or 'hub', not 'hf'"):
        vc.load_corpus(source="hf")  # type: ignore[arg-type]


@pytest.mark.parametrize("repo_id", ["bad id with spaces/x", "a/b/c", "-x/y", "x" * 97])
def test_bad_repo_id_is_refused_before_anything(repo_id: str, tmp_path: Path) -> None:
    with pytest.raises(PublishError, match="not a Hub repository id"):
        vc.publish(repo_id, dry_run=True)
    with pytest.raises(PublishError, match="not a Hub repository id"):
        vc.export_hub(tmp_path / "hub", repo_id=repo_id)
    assert not (tmp_path / "hub").exists()
