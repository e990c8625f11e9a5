"""Language checked on the whole text: windows of about 1,500 characters, from the first to the
last, go through the same seeded detector that gives the stored ``language`` and
``language_score`` (which describe the first 3,000 characters)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from venezuela_corpus import langid
from venezuela_corpus.maintain import check_files, check_seeds

from .conftest import GOLDEN, SEEDS

ENGLISH = "The government announced new measures on Monday to curb inflation and unemployment. "


def _indonesian(chars: int, seed: int = 0) -> str:
    """About *chars* characters of Indonesian: sentences of the golden texts, shuffled."""
    text = " ".join(" ".join(p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))).split())
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 6]
    rng, out = random.Random(seed), ""
    while len(out) < chars:
        out += rng.choice(sentences) + " "
    return out[:chars].rsplit(" ", 1)[0]


def _english(chars: int) -> str:
    return (ENGLISH * (chars // len(ENGLISH) + 1))[:chars].rsplit(" ", 1)[0]


def _check(tmp_path: Path, text: str) -> tuple[list[str], list[str]]:
    path = tmp_path / "mixed.txt"
    path.write_text(text, encoding="utf-8")
    report = check_files([path], None)
    return [f"{p.check}: {p.message}" for p in report.errors], [f"{p.check}: {p.message}" for p in report.warnings]


def test_indonesian_then_a_long_english_part_is_an_error(tmp_path: Path) -> None:
    text = _indonesian(2767) + "\n\n" + _english(3237)
    assert langid.detect(text)[0] == "id"  # what a snapshot would store: the start is Indonesian
    errors, _ = _check(tmp_path, text)
    (error,) = errors
    part = r"characters \d,\d{3}-\d,\d{3} of 6,\d{3} are 'en' \(score 1\.00\)"
    assert re.fullmatch(rf"mixed_language: the text reads as Indonesian but {part}(; {part})*", error), error


def test_english_in_the_middle_is_found_too(tmp_path: Path) -> None:
    text = _indonesian(3000, 1) + "\n\n" + _english(3500) + "\n\n" + _indonesian(3000, 2)
    errors, _ = _check(tmp_path, text)
    assert len(errors) == 1 and errors[0].startswith("mixed_language:") and "'en'" in errors[0]


def test_a_short_quote_in_english_is_not_an_error(tmp_path: Path) -> None:
    text = _indonesian(3500, 3) + " " + _english(300) + " " + _indonesian(2500, 4)
    errors, warnings = _check(tmp_path, text)
    assert not [e for e in errors if e.startswith("mixed_language")]
    assert not [w for w in warnings if w.startswith("mixed_language")]


def test_a_half_english_window_is_a_warning(tmp_path: Path) -> None:
    text = _indonesian(4000, 5) + "\n\n" + _english(1500) + " " + _indonesian(1400, 6)
    errors, warnings = _check(tmp_path, text)
    flagged = [m for m in errors + warnings if m.startswith("mixed_language")]
    assert flagged, (errors, warnings)


def test_the_seeds_have_no_mixed_parts() -> None:
    checks = {p.check for p in check_seeds(SEEDS).problems}
    assert not {"mixed_language", "mixed_language_score"} & checks


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: _english(1300) + "\n\n" + _indonesian(1700, 8), id="English start of 3,000 characters"),
        pytest.param(
            lambda: _indonesian(800, 9) + "\n\n" + _english(1500) + "\n\n" + _indonesian(4000, 10),
            id="inside the first 3,000",
        ),
        pytest.param(lambda: _indonesian(1500, 11) + "\n\n" + _english(900), id="English end of a short text"),
    ],
)
def test_english_inside_what_detect_reads_is_found(tmp_path: Path, make: Callable[[], str]) -> None:
    text = make()
    assert langid.detect(text)[0] == "id"  # the start as a whole still reads as Indonesian
    errors, warnings = _check(tmp_path, text)
    assert [m for m in errors + warnings if m.startswith("mixed_language")], (errors, warnings)


@pytest.mark.parametrize("n", [0, 1, 999, 1500, 1505, 1510, 2400, 2500, 2600, 3000, 3001, 4000, 4501, 9000, 12345])
def test_windows_cover_the_text(n: int) -> None:
    text = ("kata " * (n // 5 + 1))[:n]
    spans = langid.windows(text)
    if not spans:  # one window would be the whole text: detect() reads exactly that
        assert n <= langid.WINDOW + 5
        return
    covered: set[int] = set()
    for start, end in spans:
        covered |= set(range(start, end))
        assert end - start >= langid.MIN_WINDOW
        assert end - start <= langid.WINDOW + 5
        assert end == n or text[end].isspace()
    assert covered == set(range(n))
    assert [end for _, end in spans] == sorted({end for _, end in spans})
    assert spans[0][0] == 0


def test_stored_fields_still_come_from_the_first_window() -> None:
    text = _indonesian(2900, 7) + " " + _english(5000)
    assert langid.detect(text) == langid.detect(text[: langid.MAX_CHARS])
    assert langid.detect_windows(text)[-1][2] == "en"


# --- Malay: langdetect has no Malay profile, so it reads Malay as Indonesian --------------

MALAY = (
    "Kerajaan Malaysia telah mengumumkan dasar baharu untuk membantu rakyat yang terjejas akibat banjir. "
    "Menteri berkata kerajaan akan memberikan bantuan kewangan kepada mangsa di kawasan tersebut. "
)


def test_malay_without_the_commonest_markers_is_reported(tmp_path: Path) -> None:
    _, warnings = _check(tmp_path, MALAY * 12)
    (warning,) = [w for w in warnings if w.startswith("malay_like")]
    assert "(baharu, kewangan, terjejas)" in warning and "langdetect says 'id'" in warning


def test_indonesian_words_that_malay_shares_are_not_malay(tmp_path: Path) -> None:
    text = _indonesian(2500, 12) + " Ia tiba semalam dan berdiri di hadapan kantor wali kota. " + _indonesian(800, 13)
    _, warnings = _check(tmp_path, text)
    assert not [w for w in warnings if w.startswith("malay_like")], warnings


def test_malay_markers_are_read_as_words(tmp_path: Path) -> None:
    _, warnings = _check(tmp_path, _indonesian(2500, 14) + ' Ia berkata "bahawa" (iaitu) begitu.')
    assert [w for w in warnings if w.startswith("malay_like")], warnings
