"""The cleaning engine: ``clean_text(text) -> CleanResult``.

It repairs Unicode, normalises whitespace, then applies the rule table of :mod:`.rules`
in order, recording every removed span as a :class:`Removal` (like ftfy's
``fix_and_explain``), so a user can audit or undo it. It never rewrites words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import ftfy

from .casing import lowercased, restore_case
from .layout import SENTENCE_END, recover
from .rules import NORMALISATIONS, POST_NORMALISATIONS, RULES, Action, Rule, Where

FTFY_CONFIG = ftfy.TextFixerConfig(
    unescape_html=False,  # "&amp;" may be the article's own text; never guess
    fix_latin_ligatures=False,  # keep the publisher's characters
    fix_character_width=False,  # no NFKC-style width folding
    uncurl_quotes=False,  # quotes are content
    restore_byte_a0=False,  # a space is a space: never read it as a lost NBSP byte of mojibake
    normalization="NFC",
    explain=True,
)
"""ftfy's settings: repair mojibake, line breaks and control characters; change nothing else."""

_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]")
"""Soft hyphen, zero-width and bidirectional control characters."""
# Bytes 0x80-0xBF (UTF-8 continuation bytes) as Latin-1 or cp1252 show.
_CP1252_CONTINUATION = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore") + "\u0080-\u00bf"
_FTFY_NEEDED = re.compile(f"[\u00c2-\u00f4][{_CP1252_CONTINUATION}]|[\u0080-\u009f\x1b\ud800-\udfff]")
_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACES = re.compile(r" {2,}")
_ODD_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_EDGE_SPACE = re.compile(r"^[ \t]+|[ \t]+$", re.M)
_EDGE_ITERATIONS = 20
_REPAIR_ROUNDS = 4
"""Unicode repair repeats to a fixpoint; each round can only shorten the text or fix a pair."""
_PASSES = 6
"""Inline cuts and deduplication can bring boilerplate to an edge; the passes repeat until they cut nothing."""
SUFFIX_WINDOW = 400
"""Characters at the end of the last lines that footer rules glued to a sentence may cover."""
DATELINE_DEPTH = 6
"""A dateline is looked for in the first lines, under captions and bylines."""
MATCH_MAX = 700
"""No rule removes more than this many characters at once: a longer match is content that a
rule's open tail (``[^\\n]+``) ran into, on a line the layout stage could not split."""
PULL_QUOTE_FLAG = "pull_quote"
PULL_QUOTE_DEPTH = 4
"""A pull quote sits in the first lines, above the body it quotes."""
PULL_QUOTE_MIN_WORDS = 6
PULL_QUOTE_SHARE = 0.6
"""The share of a line's six-word runs that must recur, verbatim, further down."""
PULL_QUOTE_REACH = 20_000
"""How many characters below the line the quoted passage is looked for."""
_WORD = re.compile(r"\w+")
_END_STOP = re.compile(r"[.!?…][\"\u201d\u2019)]?$")
LOWERCASED_FLAG = "lowercased"
"""The text had no capitals: it was cleaned through a case-restored copy (:mod:`.casing`)."""
DUPLICATE_RULE = "duplicate_paragraph"
DUPLICATE_MIN_CHARS = 200
"""Only paragraphs this long are deduplicated: short lines (lyrics, chants) repeat legitimately."""


class Removal(NamedTuple):
    """A span the cleaner removed: the rule's name and the exact text."""

    rule: str
    text: str


@dataclass(frozen=True)
class CleanResult:
    """The outcome of :func:`clean_text`.

    Attributes:
        text: The clean body, paragraphs separated by ``"\\n\\n"``.
        removed: Every removed span, in the order the rules fired.
        flags: Sorted, unique notes such as ``link_gap`` or ``mojibake_repaired``.
        outlet, dateline, author, editor: Values extracted from boilerplate, or ``None``.
        keywords: Tags extracted from a keyword footer.

    """

    text: str
    removed: tuple[Removal, ...] = ()
    flags: tuple[str, ...] = ()
    outlet: str | None = None
    dateline: str | None = None
    author: str | None = None
    editor: str | None = None
    keywords: tuple[str, ...] = ()

    @property
    def fields(self) -> dict[str, Any]:
        """The extracted fields as a dict."""
        return {
            "outlet": self.outlet,
            "dateline": self.dateline,
            "author": self.author,
            "editor": self.editor,
            "keywords": list(self.keywords),
        }


@dataclass
class _State:
    lines: list[str]
    removed: list[Removal] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    fields: dict[str, Any] = field(default_factory=dict)
    lead: int | None = None
    """The line the body starts on (where a dateline was found), if one was."""

    def record(self, rule: Rule, match: re.Match[str]) -> None:
        if rule.flag:
            self.flags.add(rule.flag)
        if rule.action is Action.FLAG:
            return
        self.removed.append(Removal(rule.name, match.group(0).strip()))
        if rule.action is Action.EXTRACT:
            for group, value in match.groupdict().items():
                name = field_of(group)
                if value and name not in self.fields:
                    self.fields[name] = _field_value(name, value.strip())


def field_of(group: str) -> str:
    """The field a named group fills: ``dateline_caps`` is an alternative spelling of ``dateline``.

    >>> field_of("dateline_caps"), field_of("author")
    ('dateline', 'author')
    """
    return group.split("_", 1)[0]


def outlet_key(outlet: str) -> str:
    """A short key naming an outlet in rule tables.

    >>> outlet_key("Jurnas.com"), outlet_key("www.detik.com"), outlet_key("CNN Indonesia")
    ('jurnas', 'detik', 'cnnindonesia')
    """
    name = outlet.lower().removeprefix("www.").split(".")[0]
    return re.sub(r"[^a-z0-9]", "", name)


def _field_value(name: str, value: str) -> Any:
    if name == "keywords":
        parts = value.split("\n") if "\n" in value else value.split(",") if "," in value else value.split()
        return tuple(p.strip() for p in parts if p.strip())
    if name == "dateline" and value.isupper():
        return value.title()
    return value


def repair_unicode(text: str) -> tuple[str, list[str]]:
    """Fix mojibake and line breaks (ftfy), NFC, and drop invisible and control characters.

    ftfy runs only where it could change something: where UTF-8 was read as cp1252 or Latin-1
    (a lead character Â..ô followed by a continuation character), or where C1 controls,
    escapes or surrogates occur. Elsewhere its result would be the input, so it is skipped.
    Dropping a control character can bring two halves of a mojibake pair together
    (``"\\x8dÂ\\x91"``), so the repair repeats until the text no longer changes.
    """
    flags: list[str] = []
    text = NORMALISATIONS[0].pattern.sub(NORMALISATIONS[0].replacement, text)  # paragraph_joint needs the NBSP
    for _ in range(_REPAIR_ROUNDS):
        fixed = _repair_once(text, flags)
        if fixed == text:
            break
        text = fixed
    return text, flags


def _repair_once(text: str, flags: list[str]) -> str:
    if _FTFY_NEEDED.search(text):
        fixed, explanation = ftfy.fix_and_explain(text, config=FTFY_CONFIG)
        if "mojibake_repaired" not in flags and any(
            step[0] in ("encode", "decode", "transcode") for step in explanation or ()
        ):
            flags.append("mojibake_repaired")
    else:
        fixed = _LINE_BREAK.sub("\n", text)
    fixed = _INVISIBLE.sub("", fixed)
    fixed = _CONTROL.sub(lambda m: " " if m.group(0) == "\t" else "", fixed)
    # Odd spaces become spaces and line edges are stripped later anyway; done now, the next
    # round sees what cleaning the clean text again would see.
    fixed = _EDGE_SPACE.sub("", _ODD_SPACE.sub(" ", fixed))
    return unicodedata.normalize("NFC", fixed)


def normalise(text: str) -> tuple[list[str], set[str]]:
    """Recover the layout, repair Unicode and whitespace; return the non-empty, stripped lines and flags."""
    # Layout first, so that Unicode repair sees the text as a re-clean of the output would.
    text, flags = recover(_LINE_BREAK.sub("\n", text))
    text, repaired = repair_unicode(text)
    flags.update(repaired)
    for norm in NORMALISATIONS:
        text, count = norm.pattern.subn(norm.replacement, text)
        if count and norm.flag:
            flags.add(norm.flag)
    return [line.strip() for line in text.split("\n") if line.strip()], flags


def _applies(rule: Rule, key: str | None) -> bool:
    """Unscoped rules apply to every text; an outlet's own rules only when that outlet is known.

    With no outlet, the rules that are safe without one stand in (a bare ``City -`` dateline
    only for a place in the gazetteer), so no content is lost to a rule meant for one outlet.
    """
    return not rule.outlets or (key or "") in rule.outlets


def _chunks(lines: list[str], span: int, *, head: bool) -> list[str]:
    """The first (or last) k lines joined, at index k - 1, for k = 1..span."""
    edge = lines[:span] if head else lines[: -span - 1 : -1]
    chunks = edge[:1]
    for line in edge[1:]:
        chunks.append(f"{chunks[-1]}\n{line}" if head else f"{line}\n{chunks[-1]}")
    return chunks


def _edge(state: _State, rules: Sequence[Rule], *, head: bool) -> None:
    """Remove boilerplate from one edge of the article until no rule fires there."""
    for _ in range(_EDGE_ITERATIONS):
        if not _edge_once(state, rules, head=head):
            return


def _edges(state: _State, header: Sequence[Rule], footer: Sequence[Rule]) -> None:
    """Remove boilerplate from both edges: the header rules at the top, the footer rules at the end."""
    _edge(state, header, head=True)
    _edge(state, footer, head=False)


def _edge_match(rule: Rule, chunk: str, *, head: bool) -> re.Match[str] | None:
    if rule.where is Where.LINE:
        return rule.pattern.fullmatch(chunk)
    if head or rule.anchored:
        return rule.pattern.match(chunk)
    # A suffix rule: its match is short, so search only the end of the chunk.
    return rule.pattern.search(chunk, max(0, len(chunk) - SUFFIX_WINDOW))


def _edge_once(state: _State, rules: Sequence[Rule], *, head: bool) -> bool:
    chunks = _chunks(state.lines, max((rule.span for rule in rules), default=0), head=head)
    for rule in rules:
        for k in range(min(rule.span, len(chunks)), 0, -1):
            chunk = chunks[k - 1]
            match = _edge_match(rule, chunk, head=head)
            if match is None or not match.group(0).strip() or len(match.group(0)) > MATCH_MAX:
                continue
            if rule.where is Where.LINE and match.group(0) != chunk:
                continue
            state.record(rule, match)
            if head and state.lead is None and _is_dateline(rule):
                state.lead = 0
            rest = (chunk[match.end() :] if head else chunk[: match.start()]).strip()
            kept = [line.strip() for line in rest.split("\n") if line.strip()]
            state.lines = kept + state.lines[k:] if head else state.lines[:-k] + kept
            return True
    return False


def _is_dateline(rule: Rule) -> bool:
    return any(field_of(group) == "dateline" for group in rule.pattern.groupindex)


def _below_first_line(rules: Sequence[Rule]) -> list[Rule]:
    """The dateline rules safe below the first line: those naming their outlet, or a gazetteer place."""
    return [
        r for r in rules if r.where is Where.HEADER and ("outlet" in r.pattern.groupindex or r.name == "city_dateline")
    ]


def _dateline_below(state: _State, datelines: Sequence[Rule]) -> bool:
    """Find a dateline in the first lines, under a caption, byline or headline the rules kept.

    Only the dateline is removed; the lines above it stay unless another rule removes them.
    """
    found = False
    i = 1
    while i < min(DATELINE_DEPTH, len(state.lines)):
        hit = next(((r, m) for r in datelines if (m := r.pattern.match(state.lines[i])) and m.group(0).strip()), None)
        if hit is None:
            i += 1
            continue
        state.record(*hit)
        if state.lead is None:
            state.lead = i
        rest = state.lines[i][hit[1].end() :].strip()
        state.lines[i : i + 1] = [rest] if rest else []
        found = True
    return found


def _line_match(state: _State, rules: Sequence[Rule], i: int) -> int:
    """Remove the rule match of whole lines starting at line *i*; return how many lines."""
    for rule in rules:
        for k in range(min(rule.span, len(state.lines) - i), 0, -1):
            candidate = "\n".join(state.lines[i : i + k])
            match = rule.pattern.fullmatch(candidate) if len(candidate) <= MATCH_MAX else None
            if match:
                state.record(rule, match)
                return k
    return 0


def _lines(state: _State, rules: Sequence[Rule]) -> None:
    anywhere = [r for r in rules if r.where is not Where.BODY]
    below_headline = [*anywhere, *(r for r in rules if r.where is Where.BODY)]
    out: list[str] = []
    listing = False  # lines a line ending in ":" introduces (``Berikut nama-nama ...:``) are its list
    i = 0
    while i < len(state.lines):
        taken = _line_match(state, anywhere if i == 0 or listing else below_headline, i)
        if not taken:
            line = state.lines[i]
            out.append(line)
            listing = line.endswith(":") or (listing and not SENTENCE_END.search(line))
        i += taken or 1
    state.lines = out


def _flag_match(rule: Rule, text: str) -> bool:
    start = max(0, len(text) - SUFFIX_WINDOW) if rule.where is Where.FOOTER else 0
    return rule.pattern.search(text, start) is not None


def _dedupe(state: _State) -> None:
    """Drop exact repeats of long paragraphs (lazy-loaded blocks), keeping the first.

    A copy above the dateline's line (a caption or teaser that the lead repeats) is the one
    dropped, so the lead keeps its place.
    """
    first: dict[str, int] = {}
    drop: set[int] = set()
    for i, line in enumerate(state.lines):
        if len(line) < DUPLICATE_MIN_CHARS:
            continue
        if line not in first:
            first[line] = i
        elif state.lead is not None and first[line] < state.lead <= i:
            drop.add(first[line])
            first[line] = i
        else:
            drop.add(i)
    for i in sorted(drop):
        state.removed.append(Removal(DUPLICATE_RULE, state.lines[i]))
    state.lines = [line for i, line in enumerate(state.lines) if i not in drop]


def _pull_quotes(state: _State) -> None:
    """Flag a pull quote: a line above the dateline's line whose words recur further down, verbatim.

    It is kept: it repeats the article's own words, and whether it belongs to the article is a
    convention (labellers disagree; the ``pull_quote`` flag lets a user drop it). The first line
    (maybe a headline) counts only if it ends like a sentence or was cut mid-word at a length
    bound (``... akhirnya resmi b``); a line repeated whole is a duplicate, not a pull quote.
    """
    for i in range(min(state.lead or 0, PULL_QUOTE_DEPTH, len(state.lines) - 1)):
        line = state.lines[i]
        below = state.lines[i + 1 :]
        if line in below:
            continue
        haystack = _haystack(below)
        if _recurs(line, haystack) and (i > 0 or _END_STOP.search(line) or _cut_short(line, haystack)):
            state.flags.add(PULL_QUOTE_FLAG)
            return


def _haystack(below: list[str]) -> str:
    text, size = [], 0
    for later in below:
        text.append(later)
        size += len(later)
        if size > PULL_QUOTE_REACH:
            break
    return f" {' '.join(_WORD.findall(' '.join(text).lower()))} "


def _recurs(line: str, haystack: str) -> bool:
    words = _WORD.findall(line.lower())
    if len(words) < PULL_QUOTE_MIN_WORDS:
        return False
    runs = [f" {' '.join(words[k : k + PULL_QUOTE_MIN_WORDS])} " for k in range(len(words) - PULL_QUOTE_MIN_WORDS + 1)]
    return sum(run in haystack for run in runs) >= PULL_QUOTE_SHARE * len(runs)


def _cut_short(line: str, haystack: str) -> bool:
    """Whether the line's last word is the start of a longer word where the passage recurs."""
    words = _WORD.findall(line.lower())
    tail = " ".join(words[-PULL_QUOTE_MIN_WORDS:])
    return line[-1:].isalnum() and re.search(rf" {re.escape(tail)}\w", haystack) is not None


def _inline(state: _State, rules: Sequence[Rule]) -> None:
    def apply(rule: Rule, line: str) -> str:
        def cut(match: re.Match[str]) -> str:
            state.record(rule, match)
            before, after = line[match.start() - 1 : match.start()], line[match.end() : match.end() + 1]
            return " " if before.strip() and after.strip() else ""

        return rule.pattern.sub(cut, line)

    for rule in rules:
        state.lines = [apply(rule, line) for line in state.lines]
    state.lines = [_SPACES.sub(" ", line).strip() for line in state.lines if line.strip()]


def _relayout(state: _State) -> bool:
    """Recover the layout again: a removal can leave fragments that now join (or must split)."""
    text, flags = recover("\n".join(state.lines))
    lines = text.split("\n") if text else []
    if lines == state.lines:
        return False
    state.lines, state.flags = lines, state.flags | flags
    return True


def clean_text(text: str, *, outlet: str | None = None, rules: Iterable[Rule] | None = None) -> CleanResult:
    """Clean one article: repair Unicode, recover the layout, strip boilerplate.

    Args:
        text: The raw article text, in any layout (lines, glued, one line, one element per line).
        outlet: The outlet, if known: its own rules then apply. Unknown (``None``) applies the
            rules that are safe for any outlet.
        rules: The rule table (``None``: :data:`venezuela_corpus.rules.RULES`).

    Returns:
        The clean text, the removed spans with their rule names, and extracted fields.

    >>> r = clean_text("Jakarta - Harga beras naik.Baca juga: Harga Cabai TurunPetani lega.\\nKEYWORD :Beras Harga")
    >>> r.text, r.dateline, r.keywords
    ('Harga beras naik.\\n\\nPetani lega.', 'Jakarta', ('Beras', 'Harga'))
    >>> [removal.rule for removal in r.removed]
    ['city_dateline', 'keyword_footer', 'related_link']

    """
    key = outlet_key(outlet) if outlet else None
    table = [r for r in (RULES if rules is None else rules) if _applies(r, key)]
    if lowercased(text):
        datelines = [r.pattern for r in table if r.where is Where.HEADER and _is_dateline(r)]
        restored = restore_case(text, lambda line: any(p.match(line) for p in datelines))
        return _lower(_clean(restored, table))
    return _clean(text, table)


def _lower(result: CleanResult) -> CleanResult:
    """The result of cleaning a case-restored copy, in the text's own (lower) case."""
    return CleanResult(
        text=result.text.lower(),
        removed=tuple(Removal(r.rule, r.text.lower()) for r in result.removed),
        flags=tuple(sorted({*result.flags, LOWERCASED_FLAG})),
        outlet=result.outlet,
        dateline=result.dateline and result.dateline.lower(),
        author=result.author and result.author.lower(),
        editor=result.editor and result.editor.lower(),
        keywords=tuple(k.lower() for k in result.keywords),
    )


def _clean(text: str, table: list[Rule]) -> CleanResult:
    state, clean = _clean_once(text, table)
    for _ in range(_REPAIR_ROUNDS):
        # A layout change can bring mojibake halves together; clean until the text is stable.
        if not _FTFY_NEEDED.search(clean) or repair_unicode(clean)[0] == clean:
            break
        again, clean = _clean_once(clean, table)
        state.removed.extend(again.removed)
        state.flags |= again.flags
        state.fields = {**again.fields, **state.fields}
    return CleanResult(
        text=clean,
        removed=tuple(state.removed),
        flags=tuple(sorted(state.flags)),
        keywords=tuple(state.fields.pop("keywords", ())),
        **state.fields,
    )


def _clean_once(text: str, table: list[Rule]) -> tuple[_State, str]:
    active = [r for r in table if r.action is not Action.FLAG]
    lines, flags = normalise(text)
    state = _State(lines, flags=flags)
    line_rules = [r for r in active if r.where in (Where.LINE, Where.BODY)]
    header = [r for r in active if r.where in (Where.LINE, Where.HEADER)]
    footer = [r for r in active if r.where in (Where.LINE, Where.FOOTER)]
    inline = [r for r in active if r.where is Where.INLINE]
    datelines = _below_first_line(header)
    for _ in range(_PASSES):
        _edges(state, header, footer)
        edged = len(state.removed)
        _lines(state, line_rules)
        if len(state.removed) > edged:  # a line removed at an edge brings the next one to it
            _edges(state, header, footer)
        below = _dateline_below(state, datelines)
        before = len(state.removed)
        _inline(state, inline)
        _dedupe(state)
        _pull_quotes(state)
        relaid = _relayout(state)
        if len(state.removed) == before and not relaid and not below:  # nothing new can have reached an edge
            break
    clean = "\n\n".join(state.lines)
    for norm in POST_NORMALISATIONS:
        clean = norm.pattern.sub(norm.replacement, clean)
    state.flags.update(r.flag or r.name for r in table if r.action is Action.FLAG and _flag_match(r, clean))
    return state, clean
