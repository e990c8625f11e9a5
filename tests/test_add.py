"""``add``: nothing lost, nothing half-written, the same warnings as ``validate``.

Kills happen at real points: an audit hook in the child pauses it at its k-th write, rename
or removal inside seeds/, and the test sends SIGKILL there, for every k.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import resource
import shutil
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from venezuela_corpus.atomic import owner
from venezuela_corpus.errors import IngestError, ValidationError
from venezuela_corpus.maintain import add_article, check_files, check_seeds
from venezuela_corpus.seedstore import LOCK_FILE, recover

from .conftest import GOLDEN

META = {"outlet": "Kompas.com", "published_date": "2024-08-01", "url": "https://example.com/a", "title": "Judul"}
FLAGS = [f"--{k.replace('_', '-')}={v}" for k, v in META.items()]


def _article(tmp_path: Path, seed: int) -> Path:
    """A new Indonesian article: sentences of the golden texts, shuffled (no duplicate of a seed)."""
    text = " ".join(" ".join(p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))).split())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    rng = random.Random(seed)
    path = tmp_path / f"article{seed}.txt"
    path.write_text("\n\n".join(" ".join(rng.sample(sentences, 3)) for _ in range(6)), encoding="utf-8")
    return path


def _cli(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venezuela_corpus", *args],
        capture_output=True,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def _state(seeds: Path) -> tuple[set[str], set[str], list[str]]:
    """(text files, files named by metadata, other entries of the folder)."""
    names = {p.name for p in seeds.iterdir()}
    entries = {e["file"] for e in json.loads((seeds / "metadata.json").read_text())["articles"]}
    texts = {n for n in names if n.endswith(".txt") and not n.startswith(".")}
    return texts, entries, sorted(names - texts - {"metadata.json", LOCK_FILE})


# --- concurrency, file mode, warnings -----------------------------------------------------


HOLD = textwrap.dedent("""
    import pathlib, sys
    from venezuela_corpus.seedstore import seeds_lock
    with seeds_lock(pathlib.Path(sys.argv[1])):
        print("holding", flush=True)
        sys.stdin.readline()
""")


def test_two_adds_at_once_both_land(seeds: Path, tmp_path: Path) -> None:
    """Both adds start while a third process holds the lock, then race for it when it is freed."""
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(seeds)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
    adds = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "venezuela_corpus",
                "add",
                str(_article(tmp_path, i)),
                *FLAGS,
                "--seeds",
                str(seeds),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in (1, 2)
    ]
    for proc in adds:
        assert proc.stderr is not None
        assert f"waiting for the lock on the seeds in {seeds}" in proc.stderr.readline()
    assert holder.stdin is not None
    holder.stdin.write("go\n")
    holder.stdin.flush()
    holder.wait()
    outs = [proc.communicate(timeout=300) for proc in adds]
    assert [p.returncode for p in adds] == [0, 0], outs
    added = sorted(out.split()[1] for out, _ in outs)
    assert [name[:4] for name in added] == ["004_", "005_"]
    texts, entries, others = _state(seeds)
    assert texts == entries and set(added) <= texts and len(texts) == 6 and others == []


def test_metadata_keeps_its_file_mode(seeds: Path, tmp_path: Path) -> None:
    (seeds / "metadata.json").chmod(0o640)
    add_article(_article(tmp_path, 1), META, seeds=seeds)
    assert (seeds / "metadata.json").stat().st_mode & 0o777 == 0o640


MALAY = (
    "Kerajaan mengumumkan bahawa rakyat boleh memohon bantuan kewangan melalui laman sesawang "
    "rasmi mulai minggu hadapan kerana harga barang naik, kata menteri semalam. "
)


def test_add_warns_as_validate_does(seeds: Path, tmp_path: Path) -> None:
    path = tmp_path / "malay.txt"
    path.write_text(MALAY * 4 + "\n\n" + _article(tmp_path, 3).read_text(), encoding="utf-8")
    validated = {(p.check, p.message, p.hint) for p in check_files([path], seeds).warnings}
    assert "malay_like" in {check for check, _, _ in validated}
    other = tmp_path / "other-seeds"
    shutil.copytree(seeds, other)
    added = add_article(path, META, seeds=seeds)
    assert {(p.check, p.message, p.hint) for p in added.report.warnings} == validated
    out = _cli("add", str(path), *FLAGS, "--seeds", str(other))
    assert out.returncode == 0, out.stderr
    warned = sorted(line for line in out.stdout.splitlines() if line.startswith("warning: "))
    assert warned == sorted(f"warning: {p}" for p in added.report.warnings)


def test_add_refuses_a_name_already_taken(seeds: Path, tmp_path: Path) -> None:
    path = _article(tmp_path, 1)
    name = f"004_{hashlib.sha256(path.read_bytes()).hexdigest()[:16]}.txt"
    doc = json.loads((seeds / "metadata.json").read_text())
    doc["articles"].append({**doc["articles"][0], "file": name})  # an entry whose file is missing
    (seeds / "metadata.json").write_text(json.dumps(doc))
    before = (seeds / "metadata.json").read_bytes()
    with pytest.raises(IngestError, match=rf"{name} is already taken"):
        add_article(path, META, seeds=seeds)
    assert (seeds / "metadata.json").read_bytes() == before and not (seeds / name).exists()


@pytest.mark.parametrize(
    ("document", "why"),
    [
        (b'{"format": 1}', "no list 'articles'"),
        (b"[]", "format is None"),
        (b'{"format": 1, "articles": {}}', "no list 'articles'"),
        (b'"articles"', "format is None"),
        (b'{"format": 1, "articles": [], "articles": []}', "duplicate key 'articles'"),
        (b'{"format": 1, "articles": [', "not valid JSON"),
        (b"\xff", "not valid JSON"),
    ],
)
def test_add_with_an_unusable_metadata_document(seeds: Path, tmp_path: Path, document: bytes, why: str) -> None:
    (seeds / "metadata.json").write_bytes(document)
    before = sorted(p.name for p in seeds.iterdir() if p.name != LOCK_FILE)
    with pytest.raises(IngestError, match="nothing was written") as exc:
        add_article(_article(tmp_path, 1), META, seeds=seeds)
    assert any(why in p.message and p.where == "metadata.json" for p in exc.value.problems), exc.value
    assert sorted(p.name for p in seeds.iterdir() if p.name != LOCK_FILE) == before
    out = _cli("add", str(_article(tmp_path, 1)), *FLAGS, "--seeds", str(seeds))
    assert out.returncode != 0 and "Traceback" not in out.stderr and why in out.stderr


def _entry_not_an_object(seeds: Path) -> None:
    doc = json.loads((seeds / "metadata.json").read_text())
    doc["articles"][1] = 1
    (seeds / "metadata.json").write_text(json.dumps(doc))


def _bad_url(seeds: Path) -> None:
    doc = json.loads((seeds / "metadata.json").read_text())
    doc["articles"][2]["url"] = "http://[::1/berita"
    (seeds / "metadata.json").write_text(json.dumps(doc))


@pytest.mark.parametrize(
    ("damage", "where", "check"),
    [
        (_entry_not_an_object, "metadata.json[1]", "metadata_type"),
        (_bad_url, "metadata.json[2] (002_c5021111c916f18a.txt)", "metadata_url"),
        (lambda seeds: (seeds / "stray.txt").write_text("Teks tanpa metadata."), "stray.txt", "metadata_missing"),
        (lambda seeds: (seeds / "loop.txt").symlink_to("loop.txt"), "loop.txt", "file_path"),
    ],
)
def test_add_refuses_to_build_on_broken_seeds(
    seeds: Path, tmp_path: Path, damage: Callable[[Path], object], where: str, check: str
) -> None:
    damage(seeds)
    before = {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE and not p.is_symlink()}
    with pytest.raises(IngestError, match="have errors of their own") as exc:
        add_article(_article(tmp_path, 1), META, seeds=seeds)
    assert (where, check) in {(p.where, p.check) for p in exc.value.problems}, exc.value.problems
    assert {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE and not p.is_symlink()} == before


def test_refused_add_writes_nothing(seeds: Path) -> None:
    before = {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE}
    with pytest.raises(ValidationError, match="duplicate"):
        add_article(seeds / "001_48ed567f2e02b0d3.txt", META, seeds=seeds)
    assert {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE} == before


def test_add_under_a_size_limit_names_the_file_and_changes_nothing(seeds: Path, tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("\n\n".join(_article(tmp_path, i).read_text() for i in (4, 5)), encoding="utf-8")
    before = {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE}

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    env = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE_")}  # coverage cannot save here
    out = _cli("add", str(path), *FLAGS, "--seeds", str(seeds), env=env, preexec_fn=limited)
    assert out.returncode == 3 and "Traceback" not in out.stderr
    assert re.search(rf"cannot write {re.escape(str(seeds))}/004_[0-9a-f]{{16}}\.txt: File too large", out.stderr)
    assert {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE} == before


# --- a kill at every point ------------------------------------------------------------------


PAUSE = textwrap.dedent("""
    import os, sys, time
    seeds, stop = os.path.realpath(sys.argv[1]), int(sys.argv[2])
    seen = 0
    WRITES = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND

    def hook(event, args):
        global seen
        if event not in ("open", "os.rename", "os.remove", "os.chmod", "os.link", "os.truncate", "os.mkdir"):
            return
        path = args[0]
        if isinstance(path, int) or path is None:
            return
        if event == "open" and not (args[2] & WRITES if isinstance(args[2], int) else set(str(args[1])) & set("wax+")):
            return
        if not os.path.realpath(os.fsdecode(path)).startswith(seeds + os.sep):
            return
        seen += 1
        if seen == stop:
            sys.stdout.write(f"paused at {event} {os.path.basename(os.fsdecode(path))}\\n")
            sys.stdout.flush()
            time.sleep(600)

    sys.addaudithook(hook)
    from venezuela_corpus.cli import main
    main(sys.argv[3:])
""")


def test_a_kill_at_any_point_leaves_all_or_nothing(seeds: Path, tmp_path: Path) -> None:
    article = _article(tmp_path, 1)
    (seeds / "metadata.json").chmod(0o640)
    original = {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE}
    killed_at = []
    for stop in range(1, 40):
        for p in list(seeds.iterdir()):  # back to the original seeds
            if p.name not in original and p.name != LOCK_FILE:
                p.unlink()
        for name, data in original.items():
            (seeds / name).write_bytes(data)
        (seeds / "metadata.json").chmod(0o640)
        args = ["add", str(article), *FLAGS, "--seeds", str(seeds)]
        proc = subprocess.Popen(
            [sys.executable, "-c", PAUSE, str(seeds), str(stop), *args], stdout=subprocess.PIPE, text=True
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if not line.startswith("paused"):  # no such point: the add ran to its end
            assert proc.wait() == 0 and line.startswith("added"), line
            break
        proc.kill()
        proc.wait()
        killed_at.append(line.split(" ", 2)[2].strip())
        assert check_seeds(seeds).ok, line  # the next command finishes or undoes the add first
        texts, entries, others = _state(seeds)
        assert others == [], (line, others)
        assert texts == entries, line
        assert (seeds / "metadata.json").stat().st_mode & 0o777 == 0o640, line
        new = texts - set(original)
        if new:
            (name,) = new
            assert (seeds / name).read_bytes() == article.read_bytes(), line
        else:
            assert {p.name: p.read_bytes() for p in seeds.iterdir() if p.name != LOCK_FILE} == original, line
    assert len(killed_at) >= 4, killed_at  # the lock, the staged text, metadata.json, the commit, ...
    assert any("rename" in point for point in killed_at)


def test_recovery_completes_a_committed_add_and_drops_an_uncommitted_one(seeds: Path) -> None:
    doc = json.loads((seeds / "metadata.json").read_text())
    doc["articles"].append({**doc["articles"][0], "file": "004_committed.txt"})
    (seeds / "metadata.json").write_text(json.dumps(doc))
    (seeds / ".004_committed.txt.999999999-0123abcd.tmp").write_bytes(b"text")
    (seeds / ".005_uncommitted.txt.999999999-0123abcd.tmp").write_bytes(b"text")
    (seeds / ".metadata.json.999999999-0123abcd.tmp").write_bytes(b"{}")
    done = recover(seeds)
    assert sorted(done) == [
        "completed an interrupted add: 004_committed.txt put in place",
        "removed .005_uncommitted.txt.999999999-0123abcd.tmp, left by an interrupted write",
        "removed .metadata.json.999999999-0123abcd.tmp, left by an interrupted write",
    ]
    assert (seeds / "004_committed.txt").read_bytes() == b"text"
    assert not [p for p in seeds.iterdir() if owner(p)]


def test_recovery_keeps_texts_when_metadata_is_unreadable(seeds: Path) -> None:
    (seeds / "metadata.json").write_text("{")
    temp = seeds / ".004_x.txt.999999999-0123abcd.tmp"
    temp.write_bytes(b"text")
    assert recover(seeds) == [f"kept {temp.name}: metadata.json is unreadable, so an interrupted add cannot be judged"]
    assert temp.exists()
