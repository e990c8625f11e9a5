"""The fast Detector gives langdetect's own results: the same text, n-grams and probabilities.

Each step is compared with langdetect's original ``Detector`` on the same factory (its real
profiles), for the seeds, synthetic news in every text form and any text hypothesis finds.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from langdetect import DetectorFactory, detector_factory
from langdetect.detector import Detector
from langdetect.lang_detect_exception import LangDetectException

from venezuela_corpus import langid
from venezuela_corpus.detector import CHECKED_VERSION, detect_langs, detector_class, units, word_ngrams

from .conftest import ROOT, SEEDS

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def factory() -> Any:
    DetectorFactory.seed = langid.SEED
    detector_factory.init_factory()
    return detector_factory._factory


def _steps(cls: type, factory: Any, text: str) -> tuple[str, list[str], Any]:
    detector = cls(factory)
    detector.append(text)
    appended = detector.text
    detector.cleaning_text()
    ngrams = detector._extract_ngrams()
    try:
        result: Any = [(lang.lang, lang.prob) for lang in detector.get_probabilities()]
    except LangDetectException as exc:
        result = ("error", exc.code)
    return appended, ngrams, result


def _same(factory: Any, text: str) -> None:
    assert _steps(detector_class(), factory, text) == _steps(Detector, factory, text)


def test_the_checked_version_is_installed_so_the_fast_class_is_used() -> None:
    from importlib.metadata import version

    assert version("langdetect") == CHECKED_VERSION, "check detector.py against the new langdetect, then bump"
    assert detector_class() is not Detector and issubclass(detector_class(), Detector)


def test_seeds_same_results(factory: Any) -> None:
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")
        _same(factory, text[: langid.MAX_CHARS])
        _same(factory, text)


def test_synthetic_news_same_results(factory: Any, tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from make_synthetic import generate

    generate(tmp_path, 120, seed=3)
    for path in sorted(tmp_path.glob("*.txt")):
        _same(factory, path.read_text(encoding="utf-8")[: langid.MAX_CHARS])


EXAMPLES = [
    "",
    "   ",
    " x",
    "ab",
    "HELLO WORLD and MORE",
    "A  B   c",
    "AbC DEf gHI",
    "Ünïcödé ĂĂ ș ț こんにちは カタカナ 中文 한국어 ی ạ ờ",
    "see http://example.com/a?b=c or mail a.b@example.co.id now",
    "Привет мир, это тест",
    "中文中文中文中文 abc",
    "Tiếng Việt có dấu",  # combining marks, normalised by normalize_vi
]


@pytest.mark.parametrize("text", EXAMPLES)
def test_edge_cases_same_results(factory: Any, text: str) -> None:
    _same(factory, text)


alphabet = st.sampled_from([*"aAbBzZ  .,-'\n\t0éÉßøąĂș一カ가ạ\u0301\u2019@/:", "http://x.io/", "a@b.id"])
words = st.sampled_from(["yang", "dan", "di", "Venezuela", "MADURO", "the", "and", "kata", "pemerintah", "ini"])


@SETTINGS
@given(st.lists(st.one_of(alphabet, words), max_size=80).map("".join))
def test_any_text_same_results(factory: Any, text: str) -> None:
    _same(factory, text)


@SETTINGS
@given(st.lists(st.one_of(alphabet, words), max_size=40).map(" ".join))
def test_units_concatenate_to_the_whole_state_machine(factory: Any, text: str) -> None:
    normalised = text.translate({ord(c): " " for c in ".,-'\n\t0@/:"})
    whole = word_ngrams(normalised, factory.word_lang_prob_map)
    pieces = [g for unit in units(normalised) for g in word_ngrams(unit, factory.word_lang_prob_map)]
    assert pieces == list(whole)


def test_detect_langs_as_langdetect(factory: Any) -> None:
    import langdetect

    text = "Pemerintah Indonesia mengumumkan kebijakan baru tentang harga beras hari ini."
    assert [(x.lang, x.prob) for x in detect_langs(text)] == [(x.lang, x.prob) for x in langdetect.detect_langs(text)]


def test_lazy_profiles_are_langdetects_table(factory: Any) -> None:
    from venezuela_corpus.detector import LazyProfiles, lazy_factory

    lazy = lazy_factory()
    table = lazy.word_lang_prob_map
    assert isinstance(table, LazyProfiles)
    assert lazy.langlist == factory.langlist  # the same languages, in the same order
    assert table.words == set(factory.word_lang_prob_map)
    for word, vector in factory.word_lang_prob_map.items():
        assert word in table
        assert [x.hex() for x in table[word]] == [x.hex() for x in vector], word  # bit for bit
    for absent in ("", "qqqq", "\u0000", "Venezuela"):
        assert absent not in table
        with pytest.raises(KeyError):
            table[absent]


def test_detect_langs_fills_only_the_ngrams_it_reads() -> None:
    from venezuela_corpus.detector import lazy_factory

    lazy_factory.cache_clear()  # a fresh table (other tests read all of it)
    table = lazy_factory().word_lang_prob_map
    detect_langs("Pemerintah Indonesia mengumumkan kebijakan baru tentang harga beras hari ini.")
    assert 0 < dict.__len__(table) < len(table.words) / 10
