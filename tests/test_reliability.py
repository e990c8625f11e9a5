"""Hostile input, faults and tampering: each case gets a specific error that names the file or
record and says what to do, and nothing is written or lost."""

from __future__ import annotations

import codecs
import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from venezuela_corpus import IngestError, ValidationError, build, clean_text
from venezuela_corpus.cleaning import DUPLICATE_MIN_CHARS
from venezuela_corpus.ingest import MAX_BYTES, ingest
from venezuela_corpus.maintain import check_files
from venezuela_corpus.store import list_versions

from .conftest import ROOT

SEED = "001_48ed567f2e02b0d3.txt"
TEXT = (ROOT / "seeds" / SEED).read_bytes()


def _problems(exc: pytest.ExceptionInfo[IngestError]) -> set[tuple[str, str]]:
    return {(p.where, p.check) for p in exc.value.problems}


def _replace(seeds: Path, data: bytes, name: str = SEED) -> None:
    (seeds / name).write_bytes(data)


# --- 1. ingest input ------------------------------------------------------------------------


def test_invalid_utf8_names_file_and_offset(seeds: Path) -> None:
    _replace(seeds, TEXT[:100] + b"\xff\xfe" + TEXT[100:])
    with pytest.raises(IngestError, match=rf"{SEED}: \[encoding\] invalid UTF-8 at byte offset 100.*re-save"):
        ingest(seeds)


def test_utf8_bom_is_accepted_and_dropped(seeds: Path) -> None:
    _replace(seeds, codecs.BOM_UTF8 + TEXT)
    article = {a.meta.file: a for a in ingest(seeds)}[SEED]
    assert article.text == TEXT.decode()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_is_a_clear_error_not_mojibake(seeds: Path, codec: str) -> None:
    _replace(
        seeds,
        TEXT.decode().encode(codec) if codec != "utf-16-be" else codecs.BOM_UTF16_BE + TEXT.decode().encode(codec),
    )
    with pytest.raises(IngestError, match=r"UTF-16/32, not UTF-8.*iconv"):
        ingest(seeds)


def test_line_ends_are_normalised() -> None:
    text = TEXT.decode()
    assert clean_text(text.replace("\n", "\r\n")).text == clean_text(text).text
    assert clean_text(text.replace("\n", "\r")).text == clean_text(text).text


@pytest.mark.parametrize("data", [b"Harga\x00naik " * 50, bytes(range(256)) * 4], ids=["nul", "binary"])
def test_nul_and_binary_are_refused(seeds: Path, data: bytes) -> None:
    _replace(seeds, data)
    with pytest.raises(IngestError, match=rf"{SEED}: \[encoding\] NUL byte at byte offset \d+"):
        ingest(seeds)


def test_control_characters_are_removed() -> None:
    assert clean_text("Harga\x07 beras\x1b naik\x7f.").text == "Harga beras naik."


@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n "], ids=["empty", "whitespace"])
def test_empty_file_is_refused(seeds: Path, data: bytes) -> None:
    _replace(seeds, data)
    with pytest.raises(IngestError, match=rf"{SEED}: \[empty\]"):
        ingest(seeds)


def test_oversized_file_refused_before_read(seeds: Path) -> None:
    path = seeds / SEED
    with path.open("r+b") as fh:  # sparse: huge on stat, never read whole
        fh.truncate(MAX_BYTES * 64)
    with pytest.raises(IngestError, match=rf"{SEED}: \[file_size\] file has {MAX_BYTES * 64} bytes"):
        ingest(seeds)


def test_mojibake_repaired_and_flagged() -> None:
    result = clean_text("Presiden Jos\u00c3\u00a9 Raul Mulino berbicara di Panama.")
    assert result.text == "Presiden Jos\u00e9 Raul Mulino berbicara di Panama."
    assert "mojibake_repaired" in result.flags


def test_zero_width_and_bidi_removed() -> None:
    assert (
        clean_text("Ma\u200bduro\u202e ber\u2066bicara\u2069 di\u200f Caracas.").text == "Maduro berbicara di Caracas."
    )


def test_file_name_not_utf8(seeds: Path) -> None:
    bad = os.fsencode(str(seeds)) + b"/bad\xff.txt"
    with open(bad, "wb") as fh:  # noqa: PTH123 - a non-UTF-8 bytes path has no Path form
        fh.write(TEXT)
    with pytest.raises(IngestError, match=r"bad\ufffd\.txt: \[file_name\] file name is not valid UTF-8"):
        ingest(seeds)


def test_symlink_outside_seeds(seeds: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_bytes(TEXT)
    (seeds / SEED).unlink()
    (seeds / SEED).symlink_to(outside)
    with pytest.raises(IngestError, match=rf"{SEED}: \[file_path\] symlink leads outside seeds/"):
        ingest(seeds)


# --- 2. content -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("The government of Venezuela announced new economic measures to control inflation on Monday. " * 8, "en"),
        ("El gobierno de Venezuela anunció nuevas medidas económicas para controlar la inflación el lunes. " * 8, "es"),
    ],
    ids=["english", "spanish"],
)
def test_not_indonesian_reports_language_and_score(tmp_path: Path, text: str, lang: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text(text)
    report = check_files([path], None)
    (problem,) = [p for p in report.errors if p.check == "language"]
    assert problem.where == str(path)  # the file as given
    assert f"language is '{lang}' (score 1.00), not Indonesian" in problem.message


def test_malay_like_is_reported_with_detected_language(tmp_path: Path) -> None:
    path = tmp_path / "malay.txt"
    path.write_text(
        "Kerajaan mengumumkan bahawa rakyat boleh memohon bantuan kewangan melalui laman sesawang "
        "rasmi mulai minggu hadapan kerana harga barang naik, kata menteri semalam. " * 4
    )
    report = check_files([path], None)
    (warning,) = [p for p in report.warnings if p.check == "malay_like"]
    assert "langdetect says 'id' with score" in warning.message and "bahawa" in warning.message


def test_exact_and_near_duplicates(seeds: Path) -> None:
    shutil.copy(seeds / SEED, seeds / "004_exact.txt")
    near = TEXT.decode().replace("Sebagian besar tentara", "Banyak tentara")
    (seeds / "005_near.txt").write_text(near)
    doc = json.loads((seeds / "metadata.json").read_text())
    for name in ("004_exact.txt", "005_near.txt"):
        doc["articles"].append({**doc["articles"][1], "file": name})
    (seeds / "metadata.json").write_text(json.dumps(doc))
    with pytest.raises(ValidationError) as exc:
        build("1.0.0", seeds=seeds, root=seeds.parent / "snaps")
    found = {(p.where, p.check, p.message.split(" (")[0]) for p in exc.value.problems}
    assert ("004_exact", "duplicate", f"same text as {SEED[:-4]}") in found
    assert ("005_near", "near_duplicate", f"near duplicate of {SEED[:-4]}") in found


def test_only_boilerplate_and_absurdly_short(seeds: Path) -> None:
    _replace(seeds, b"Baca: Sesuatu\nCek Berita dan Artikel yang lain di\nGoogle News")
    _replace(seeds, b"Harga naik.", "002_c5021111c916f18a.txt")
    with pytest.raises(ValidationError) as exc:
        build("1.0.0", seeds=seeds, root=seeds.parent / "snaps")
    found = {(p.where, p.check) for p in exc.value.problems}
    assert (SEED[:-4], "not_empty") in found
    assert ("002_c5021111c916f18a", "min_length") in found
    assert not (seeds.parent / "snaps" / "1.0.0").exists()


# --- 3. metadata ----------------------------------------------------------------------------


def test_every_metadata_problem_at_once(seeds: Path) -> None:
    doc = json.loads((seeds / "metadata.json").read_text())
    arts = doc["articles"]
    del arts[0]["title"]  # missing required field
    arts[0]["colour"] = "blue"  # unknown field
    arts[1]["published_date"] = "26 Februari 2019"  # does not parse
    arts[2]["published_date"] = "2999-01-01"  # in the future
    arts[3]["url"] = "netizen.media/artikel"  # malformed
    arts.append({**arts[1], "file": "009_missing.txt"})  # entry without file
    arts.append(dict(arts[2]))  # duplicate id
    (seeds / "metadata.json").write_text(json.dumps(doc))
    (seeds / "010_orphan.txt").write_bytes(TEXT)  # file without entry
    with pytest.raises(IngestError) as exc:
        ingest(seeds, today=dt.date(2026, 11, 24))
    checks = {p.check for p in exc.value.problems}
    assert {
        "metadata_missing",
        "metadata_unknown",
        "metadata_date",
        "metadata_url",
        "file_missing",
        "metadata_duplicate",
    } <= checks
    messages = str(exc.value)
    for needle in (
        "missing field 'title'",
        "unknown field 'colour'",
        "'26 Februari 2019' is not a date",
        "2999-01-01 lies in the future",
        "malformed url",
        "has no file 009_missing.txt",
        "duplicate id '002_c5021111c916f18a'",
        "010_orphan.txt: [metadata_missing] file has no metadata",
    ):
        assert needle in messages, needle


def test_metadata_types(seeds: Path) -> None:
    doc = json.loads((seeds / "metadata.json").read_text())
    doc["articles"][0]["title"] = 42
    doc["articles"][1]["translated_from"] = "English"
    (seeds / "metadata.json").write_text(json.dumps(doc))
    with pytest.raises(
        IngestError, match=r"'title' must be a non-empty string, not 42[\s\S]*'English' is not a language code"
    ):
        ingest(seeds)


def test_duplicate_json_keys_refused(seeds: Path) -> None:
    path = seeds / "metadata.json"
    path.write_text(path.read_text().replace('"outlet": "Republika",', '"outlet": "Republika", "outlet": "X",', 1))
    with pytest.raises(IngestError, match="duplicate key"):
        ingest(seeds)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"", "not valid JSON after 0 article entries"),
        (b"[]", 'expected {"format": 1, "articles": [...]}'),
        (b'{"format": 2, "articles": []}', 'expected {"format": 1'),
        (b'{"format": "1", "articles": []}', 'expected {"format": 1'),
        (b'{"format": 1, "articles": {}}', 'expected {"format": 1'),
        (b'{"articles": []}', 'expected {"format": 1'),
        (b'{"format": 1, "format": 1, "articles": []}', "duplicate key 'format'"),
        (b'{"format": 1, "articles": [{"file": "a.txt"}, {"file": ', "not valid JSON after 1 article entries"),
        (b'{"format": 1, "articles": [], "x": \xff}', "not valid JSON"),
    ],
)
def test_unusable_metadata_file_is_one_clear_error(seeds: Path, document: bytes, message: str) -> None:
    (seeds / "metadata.json").write_bytes(document)
    with pytest.raises(IngestError) as exc:
        ingest(seeds)
    (problem,) = [p for p in exc.value.problems if p.check == "metadata_json"]
    assert problem.where == "metadata.json" and message in problem.message
    assert not any("has no metadata entry" in p.message for p in exc.value.problems)  # no noise per file


def test_metadata_order_does_not_matter(seeds: Path) -> None:
    path = seeds / "metadata.json"
    in_order = ingest(seeds)
    doc = json.loads(path.read_text())
    doc["articles"].reverse()
    path.write_text(json.dumps({"articles": doc["articles"], "format": 1}))  # keys swapped too
    assert ingest(seeds) == in_order


# --- 4. snapshots: see test_store.py; the manifest's fingerprint edited ---------------------


def test_edited_manifest_fingerprint_detected(tmp_path: Path) -> None:
    from venezuela_corpus import api

    root = tmp_path / "snapshots"
    build("1.0.0", seeds=ROOT / "seeds", root=root)
    path = root / "1.0.0" / "manifest.json"
    doc = json.loads(path.read_text())
    doc["fingerprint"] = "sha256:" + "ab" * 32
    path.write_text(json.dumps(doc))
    code = f"import venezuela_corpus as v; v.load_corpus('1.0.0', path={str(tmp_path)!r})"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "IntegrityError" in out.stderr and "rows have fingerprint" in out.stderr
    assert api.load_corpus("1.0.0").num_rows == 4


# --- 5. builds ------------------------------------------------------------------------------


def test_write_error_leaves_no_partial_files(tmp_path: Path) -> None:
    """A real OS write error (RLIMIT_FSIZE, as a full disk would give) in the middle of a build."""
    root = tmp_path / "snaps"
    build("1.0.0", seeds=ROOT / "seeds", root=root)
    before = {p: p.read_bytes() for p in root.rglob("*") if p.is_file()}
    code = textwrap.dedent(f"""
        import resource, signal, pathlib, venezuela_corpus as v
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))
        try:
            v.build("1.0.1", seeds=pathlib.Path({str(ROOT / "seeds")!r}), root=pathlib.Path({str(root)!r}))
        except OSError as exc:
            print("OSError", exc.errno)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.startswith("OSError"), out.stderr
    assert list_versions(root) == ["1.0.0"]
    assert not list(root.glob(".tmp-*"))
    assert {p: p.read_bytes() for p in root.rglob("*") if p.is_file()} == before


def test_loading_writes_nothing(tmp_path: Path) -> None:
    """An audit hook fails the process on any file opened for writing while loading."""
    code = textwrap.dedent("""
        import sys
        import datasets, pyarrow  # imports may write bytecode caches; loading may not
        def hook(event, args):
            if event == "open" and len(args) > 1 and isinstance(args[1], str) and set(args[1]) & set("wax+"):
                raise RuntimeError(f"write: {args[0]}")
            if event in ("os.mkdir", "os.rename", "os.remove", "shutil.rmtree"):
                raise RuntimeError(f"{event}: {args[0]}")
        import venezuela_corpus as v
        sys.addaudithook(hook)
        ds = v.load_corpus()
        print(ds.num_rows, v.fingerprint(ds))
    """)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "HF_HOME": str(tmp_path / "hf")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("4 sha256:")
    assert not (tmp_path / "hf").exists()


def test_read_only_install_location(tmp_path: Path) -> None:
    """Loading from a copy of the package whose files and folders are read-only."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "venezuela_corpus", site / "venezuela_corpus", ignore=shutil.ignore_patterns("__pycache__"))
    for p in sorted(site.rglob("*"), reverse=True):
        p.chmod(0o555 if p.is_dir() else 0o444)
    before = sorted(str(p) for p in site.rglob("*"))
    code = "import venezuela_corpus as v; print(v.__file__); print(v.load_corpus().num_rows)"
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [str(site / "venezuela_corpus" / "__init__.py"), "4"]
    assert sorted(str(p) for p in site.rglob("*")) == before
    for p in site.rglob("*"):
        p.chmod(0o755)


def test_rebuilding_released_version_with_other_content_refused(seeds: Path) -> None:
    from venezuela_corpus import SnapshotExistsError

    root = seeds.parent / "snaps"
    build("1.0.0", seeds=seeds, root=root)
    (seeds / SEED).write_bytes(TEXT.replace(b"Sebagian besar", b"Sebagian kecil"))
    with pytest.raises(SnapshotExistsError, match="released versions are immutable"):
        build("1.0.0", seeds=seeds, root=root)


# --- repeated paragraphs: only long ones are lazy-load repeats -------------------------------


def _paragraph(chars: int) -> str:
    """A paragraph of exactly *chars* characters."""
    text = ("Warga Caracas mengantre bahan bakar sejak pagi di depan stasiun pengisian. " * 10)[: chars - 1]
    return text[:-1] + "a." if text.endswith(" ") else text + "."


@pytest.mark.parametrize("chars", [DUPLICATE_MIN_CHARS - 1, DUPLICATE_MIN_CHARS, DUPLICATE_MIN_CHARS + 50])
def test_a_paragraph_repeated_is_dropped_only_from_its_length(chars: int) -> None:
    repeated = _paragraph(chars)
    assert len(repeated) == chars
    text = "\n\n".join(["Presiden Maduro berpidato di Caracas pada hari Senin.", repeated, "Hidup Venezuela!"] * 2)
    result = clean_text(text)
    if chars < DUPLICATE_MIN_CHARS:  # short lines (chants, lyrics) repeat legitimately
        assert result.text == text and result.removed == ()
    else:
        assert [tuple(r) for r in result.removed] == [("duplicate_paragraph", repeated)]
        assert result.text.count(repeated) == 1 and result.text.count("Hidup Venezuela!") == 2
