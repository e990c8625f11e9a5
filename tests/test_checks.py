"""The per-record checks, one by one, at their boundaries (cases written to kill mutants that
survived: each comparison, each message, the hint, the round trip of the evidence columns)."""

from __future__ import annotations

import dataclasses

import pytest

from venezuela_corpus.article import Article
from venezuela_corpus.checks import MIN_LANGUAGE_SCORE, MIN_WORDS, Candidate, check_record
from venezuela_corpus.store import open_snapshot
from venezuela_corpus.validation import validate

from .test_language import _english, _indonesian


@pytest.fixture(scope="module")
def article() -> Article:
    """A real row of the shipped corpus (Indonesian, long enough, no machine translation)."""
    rows = [r for r in open_snapshot("1.0.1").table.to_pylist() if not r["translated_from"]]
    return Article.from_row(rows[0])


def _found(article: Article, printed: str | None = None, **changes: object) -> dict[str, tuple[str, str, str]]:
    problems = check_record(Candidate(dataclasses.replace(article, **changes), printed))
    return {p.check: (p.severity, p.message, p.hint or "") for p in problems}


def test_a_real_article_passes(article: Article) -> None:
    assert _found(article) == {}


@pytest.mark.parametrize(("score", "warned"), [(MIN_LANGUAGE_SCORE, False), (MIN_LANGUAGE_SCORE - 0.001, True)])
def test_language_score_boundary(article: Article, score: float, warned: bool) -> None:
    found = _found(article, language_score=score)
    assert ("language_score" in found) is warned
    if warned:
        assert found["language_score"] == ("warning", "Indonesian with low confidence 0.90", "check for mixed language")


def test_another_language_is_an_error_not_a_low_score(article: Article) -> None:
    found = _found(article, language="en", language_score=0.5)
    assert found == {"language": ("error", "language is 'en' (score 0.50), not Indonesian", found["language"][2])}


@pytest.mark.parametrize(("words", "refused"), [(MIN_WORDS, False), (MIN_WORDS - 1, True)])
def test_min_length_boundary(article: Article, words: int, refused: bool) -> None:
    found = _found(article, n_words=words)
    assert ("min_length" in found) is refused
    if refused:
        assert found["min_length"] == ("error", f"only {words} words (minimum {MIN_WORDS})", "is the article complete?")


def test_weak_indonesian_windows_are_each_named(article: Article) -> None:
    part = _english(700) + " " + _indonesian(800, 22)
    text = _indonesian(3000, 21) + " " + part + " " + _english(700) + " " + _indonesian(800, 23)
    found = _found(article, text=text)
    weak = "characters {} of 5,988 are Indonesian with low confidence 0.86"
    assert found == {
        "mixed_language_score": (
            "warning",
            f"{weak.format('3,000-4,506')}; {weak.format('4,506-5,988')}",
            "check that part for another language",
        )
    }
    assert "mixed_language_score" not in _found(article, text=text, language="en")


@pytest.mark.parametrize(
    ("printed", "outlet", "warned"),
    [
        ("Kompas.com", "Kompas.com", False),
        ("Antara.News", "Antaranews.com", False),  # the dots of the printed name do not count
        ("Detik.com", "Kompas.com", True),
        (None, "Kompas.com", False),
    ],
)
def test_outlet_mismatch(article: Article, printed: str | None, outlet: str, warned: bool) -> None:
    found = _found(article, printed, outlet=outlet)
    assert ("outlet_mismatch" in found) is warned
    if warned:
        assert found["outlet_mismatch"][1] == f"text names outlet {printed!r} but metadata says {outlet!r}"


def test_the_evidence_columns_round_trip(article: Article) -> None:
    candidate = Candidate(article, "Kompas.com")
    assert candidate.row()["printed_outlet"] == "Kompas.com"
    assert Candidate.from_row(candidate.row()) == candidate
    assert Candidate.from_row(article.row()) == Candidate(article, None)


def test_validate_reports_every_record_and_duplicates_by_id(article: Article) -> None:
    articles = [dataclasses.replace(article, id=i, n_words=n) for i, n in (("a", 2), ("b", 1), ("c", article.n_words))]
    report = validate(Candidate(a) for a in articles)
    assert {p.where for p in report.errors if p.check == "min_length"} == {"a", "b"}
    duplicates = {p.where for p in report.problems if p.check.startswith("duplicate")}
    assert duplicates and duplicates <= {"a", "b", "c"}
