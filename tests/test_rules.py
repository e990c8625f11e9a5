"""The rule table tested by itself: every rule well formed, every example removed, every
look-alike kept. Parametrized over the table, so a new rule is tested by adding its row."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from venezuela_corpus import clean_text
from venezuela_corpus.cleaning import field_of, normalise
from venezuela_corpus.rules import EXTRACTABLE, NORMALISATIONS, POST_NORMALISATIONS, RULES, Action, Rule


def _chars(text: str) -> Counter[str]:
    return Counter(c for c in text if not c.isspace())


def _outlet(rule: Rule) -> str | None:
    """An outlet the rule applies to (None: unknown), so scoped rules are tested where they act."""
    return None if not rule.outlets or "" in rule.outlets else rule.outlets[0]


EXAMPLES = [(rule, ex) for rule in RULES for ex in rule.examples]
KEEPS = [(rule, keep) for rule in RULES for keep in rule.keeps]


def _id(param: object) -> str:
    return param.name if isinstance(param, Rule) else str(param)[:30]


def test_rule_names_are_unique_snake_case() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", n) for n in names)


@pytest.mark.parametrize("rule", RULES, ids=_id)
def test_rule_is_well_formed(rule: Rule) -> None:
    assert rule.examples, "every rule needs a real example"
    assert rule.keeps, "every rule needs a look-alike that it must keep"
    groups = {field_of(g) for g in rule.pattern.groupindex}
    if rule.action is Action.EXTRACT:
        assert groups and groups <= set(EXTRACTABLE)
    else:
        assert not groups & set(EXTRACTABLE), "named groups only extract with Action.EXTRACT"
    assert ".*\\Z" not in rule.pattern.pattern


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=_id)
def test_example_is_removed(rule: Rule, example: str) -> None:
    result = clean_text(example, outlet=_outlet(rule))
    fired = [r for r in result.removed if r.rule == rule.name]
    if rule.action is Action.FLAG:
        assert (rule.flag or rule.name) in result.flags
        return
    assert fired, f"{rule.name} did not fire on {example!r}: {result.removed}"
    for removal in fired:
        assert removal.text not in result.text
    # Nothing is lost or added: clean text plus removed spans hold every character of the input.
    assert _chars(" ".join(normalise(example)[0])) == _chars(result.text + "".join(r.text for r in result.removed))


@pytest.mark.parametrize(("rule", "keep"), KEEPS, ids=_id)
def test_look_alike_is_kept(rule: Rule, keep: str) -> None:
    result = clean_text(keep, outlet=_outlet(rule))
    if rule.action is Action.FLAG:
        assert (rule.flag or rule.name) not in result.flags
        return
    assert result.removed == ()
    # Whitespace may be normalised (e.g. "KEYWORD : sandi" -> "KEYWORD: sandi"); no word changes.
    assert result.text.split() == " ".join(normalise(keep)[0]).replace(" :", ":").split()


@pytest.mark.parametrize(
    ("norm", "raw", "expected"),
    [(n, raw, exp) for n in (*NORMALISATIONS, *POST_NORMALISATIONS) for raw, exp in n.examples],
    ids=lambda p: getattr(p, "name", str(p)[:20]),
)
def test_normalisation_examples(norm: object, raw: str, expected: str) -> None:
    pattern = norm.pattern  # type: ignore[attr-defined]
    assert pattern.sub(norm.replacement, raw) == expected  # type: ignore[attr-defined]


def test_scoped_rule_skipped_for_other_outlets() -> None:
    text = "Jakarta - Bandung kini bisa ditempuh dalam 45 menit dengan kereta cepat."
    assert clean_text(text, outlet="kompas.com").text == text
    assert clean_text("Jakarta - Para pejabat bertemu.", outlet="Jurnas.com").dateline == "Jakarta"
