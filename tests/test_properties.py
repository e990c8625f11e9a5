"""Properties of the cleaner for any text (hypothesis): idempotent, adds no words, and the clean
text plus the removed spans account for every character of the (normalised) input."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from venezuela_corpus import clean_text
from venezuela_corpus.cleaning import normalise
from venezuela_corpus.rules import RULES

from .conftest import SEEDS

SENTENCES = [line for p in sorted(SEEDS.glob("*.txt")) for line in p.read_text(encoding="utf-8").split("\n")][:40]
BOILERPLATE = [ex for rule in RULES for ex in rule.examples]
LOOKALIKES = [k for rule in RULES for k in rule.keeps]

lines = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(BOILERPLATE),
    st.sampled_from(LOOKALIKES),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    st.text(alphabet="abc ABC-–—.,:;()[]/|#*\u00a0\u200b\t\r0123", max_size=40),
)
texts = st.lists(lines, max_size=12).map("\n".join)
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _chars(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


@SETTINGS
@given(texts)
def test_idempotent(text: str) -> None:
    once = clean_text(text)
    twice = clean_text(once.text)
    assert twice.text == once.text


@SETTINGS
@given(texts)
def test_never_adds_words(text: str) -> None:
    before = Counter(" ".join(normalise(text)[0]).replace(" ", "").__iter__())
    after = _chars(clean_text(text).text)
    assert not (after - before)


@SETTINGS
@given(texts)
def test_clean_plus_removed_accounts_for_every_character(text: str) -> None:
    result = clean_text(text)
    normalised = " ".join(normalise(text)[0])
    assert _chars(normalised) == _chars(result.text + "".join(r.text for r in result.removed))
