"""A deterministic synthetic corpus for benchmarks, shaped like scraped Indonesian news.

    python scripts/make_synthetic.py OUT_DIR --n 10000 [--seed 0] [--exact 0.01] [--near 0.02]

- Text: distinct sentences drawn from a large vocabulary, Zipf-distributed: the words of the
  seeds' clean texts (so the language is Indonesian) and some 40,000 pseudo-words built from
  Indonesian syllables and affixes; lengths vary like news (a few articles much longer than
  langdetect's 3,000-character cap, most shorter).
- Boilerplate from the rule table's examples and a catalogue of scraped-page shapes
  ("Baca juga: <title>", "Lihat juga :", Google News and Telegram footers, captions, credits,
  datelines), in every text form: on its own line, glued to the sentence before it
  (``kata dia.Baca juga: Judul``), the whole article on one line, one element per line, and
  tokenised (``Lihat juga : ( ... )``).
- A share of mojibake (UTF-8 read as Windows-1252), exact duplicates and near duplicates
  (one word in a hundred replaced) of earlier articles, at the given rates. The counts planted are
  printed as JSON and returned, so a build's findings can be checked against them.

Written as files plus a metadata.json, exactly like seeds/. The same arguments give the same
bytes.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import hashlib
import itertools
import json
import random
import re
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ("paragraphs", "glued", "one_line", "element_per_line", "tokenised")
FORM_WEIGHTS = (0.40, 0.15, 0.15, 0.15, 0.15)
MOJIBAKE_RATE = 0.03
PSEUDO_WORDS = 40_000

_ONSETS = ("", "b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "ng", "ny", "p", "r", "s", "t", "w", "y")
_VOWELS = ("a", "a", "a", "i", "i", "u", "u", "e", "o")
_CODAS = ("", "", "", "n", "ng", "r", "t", "k", "s", "l", "h", "m")
_PREFIXES = ("", "", "", "me", "mem", "men", "meng", "ber", "di", "ter", "pe", "pen", "ke", "se")
_SUFFIXES = ("", "", "", "kan", "an", "nya", "i", "lah")
_NAMES = ("Maduro", "Guaidó", "Caracas", "Venezuela", "Bolívar", "Chávez", "Machado", "Kolombia", "Brasil")
_TEMPLATES = (
    "Baca juga: {title}",
    "Baca: {title}",
    "Lihat juga : {title}",
    "BACA JUGA: {title}",
    "Simak berita dan artikel lainnya di Google News",
    "Dapatkan update berita pilihan dan breaking news setiap hari dari Synthetic News. Mari bergabung di Grup Telegram",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Editor: {name}",
    "Penulis: {name}",
    "KEYWORD :{keywords}",
    "(foto: Antara)",
)


@dataclass(frozen=True)
class Planted:
    """What a generated corpus holds, by construction."""

    articles: int
    exact_duplicates: int
    near_duplicates: int
    mojibake: int
    forms: dict[str, int]


@functools.cache
def _seed_words() -> tuple[list[str], list[int]]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "golden").glob("*.txt")))
    counts = Counter(w for w in re.findall(r"[A-Za-zÀ-ÿ-]+", text.lower()) if len(w) > 1)
    words = sorted(counts, key=lambda w: (-counts[w], w))
    return words, [counts[w] for w in words]


def _pseudo_word(rng: random.Random) -> str:
    syllables = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3)))
    return rng.choice(_PREFIXES) + syllables + rng.choice(_CODAS) + rng.choice(_SUFFIXES)


class Vocabulary:
    """Seed words (by their frequency) and pseudo-words (Zipf), sampled in proportion 2:1."""

    def __init__(self, rng: random.Random) -> None:
        seed_words, seed_counts = _seed_words()
        pseudo = sorted({_pseudo_word(rng) for _ in range(PSEUDO_WORDS)})
        rng.shuffle(pseudo)
        seed_total = sum(seed_counts)
        weights = [2 * c / seed_total for c in seed_counts]
        zipf = [1 / (rank + 1) for rank in range(len(pseudo))]
        zipf_total = sum(zipf)
        weights += [w / zipf_total for w in zipf]
        self.words = seed_words + pseudo
        self.cumulative = list(itertools.accumulate(weights))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        """*k* words."""
        return rng.choices(self.words, cum_weights=self.cumulative, k=k)


def _sentence(rng: random.Random, vocab: Vocabulary) -> str:
    words = vocab.sample(rng, rng.randint(8, 26))
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = rng.choice(_NAMES)
    if rng.random() < 0.15:  # a quotation, with typographic quotes
        return f"“{' '.join(words).capitalize()},” kata dia."
    return " ".join(words).capitalize() + rng.choice(".....?!")


def _title(rng: random.Random, vocab: Vocabulary) -> str:
    return " ".join(w.capitalize() for w in vocab.sample(rng, rng.randint(4, 9)))


@functools.cache
def _rule_examples() -> dict[str, list[str]]:
    """The rule table's own examples of boilerplate, by where they apply."""
    from venezuela_corpus.rules import RULES

    found: dict[str, list[str]] = {}
    for rule in RULES:
        if rule.action.value == "flag":
            continue
        found.setdefault(rule.where.value, []).extend(e for e in rule.examples if isinstance(e, str))
    return found


def _boilerplate(rng: random.Random, vocab: Vocabulary) -> str:
    catalogue = _rule_examples().get("line", []) + _rule_examples().get("footer", [])
    if catalogue and rng.random() < 0.5:
        return rng.choice(catalogue)
    return rng.choice(_TEMPLATES).format(
        title=_title(rng, vocab), name=" ".join(vocab.sample(rng, 2)).title(), keywords=" ".join(vocab.sample(rng, 3))
    )


@functools.cache
def _outlet_of(header: str) -> str:
    from venezuela_corpus.cleaning import clean_text

    return clean_text(header + " Kalimat pertama berita ini.").outlet or "Synthetic News"


def _paragraphs(rng: random.Random, vocab: Vocabulary) -> list[list[str]]:
    # Lognormal length: median about 350 words, a long tail beyond langdetect's cap.
    n = max(3, min(60, round(rng.lognormvariate(1.9, 0.5))))
    return [[_sentence(rng, vocab) for _ in range(rng.randint(1, 4))] for _ in range(n)]


def _tokenise(text: str) -> str:
    spaced = re.sub(r"[ \t]*([,.:;!?()“”\"])[ \t]*", r" \1 ", text)
    return "\n".join(re.sub(r" {2,}", " ", line).strip() for line in spaced.split("\n"))


def render(rng: random.Random, vocab: Vocabulary, form: str) -> tuple[str, str]:
    """One article in *form*, and the outlet its dateline prints (else "Synthetic News")."""
    paragraphs = _paragraphs(rng, vocab)
    headers = _rule_examples().get("header", [])
    header = rng.choice(headers) if headers and rng.random() < 0.7 else ""
    outlet = _outlet_of(header) if header else "Synthetic News"
    boiler = [_boilerplate(rng, vocab) for _ in range(rng.randint(1, 4))]
    spots = sorted(rng.randrange(1, len(paragraphs) + 1) for _ in boiler)
    for offset, (spot, line) in enumerate(zip(spots, boiler, strict=True)):
        paragraphs.insert(spot + offset, [line])
    if header:
        paragraphs[0] = [header, *paragraphs[0]]
    if form == "glued":  # flattened HTML: elements run into each other without a space
        return "".join(" ".join(p) for p in paragraphs), outlet
    if form == "one_line":
        return " ".join(" ".join(p) for p in paragraphs), outlet
    if form == "element_per_line":
        return "\n".join(s for p in paragraphs for s in p), outlet
    text = "\n\n".join(" ".join(p) for p in paragraphs)
    return (_tokenise(text) if form == "tokenised" else text), outlet


def _mojibake(text: str) -> str:
    import ftfy.bad_codecs  # noqa: F401 - registers sloppy-windows-1252

    return text.encode("utf-8").decode("sloppy-windows-1252")


def _near(rng: random.Random, vocab: Vocabulary, text: str) -> str:
    """*text* with one word in a hundred replaced, in its middle: word 5-gram Jaccard about 0.9."""
    spans = [m.span() for m in re.finditer(r"[a-z]{3,}", text)]
    middle = spans[len(spans) // 10 : len(spans) - len(spans) // 10] or spans
    chosen = sorted(rng.sample(middle, max(1, len(spans) // 100)), reverse=True)
    for start, end in chosen:
        text = text[:start] + vocab.sample(rng, 1)[0] + text[end:]
    return text


def generate(out: Path, n: int, seed: int = 0, exact: float = 0.01, near: float = 0.02) -> Path:
    """Write *n* articles and their metadata.json into *out*; return *out*."""
    write_corpus(out, n, seed, exact, near)
    return out


def write_corpus(out: Path, n: int, seed: int = 0, exact: float = 0.01, near: float = 0.02) -> Planted:
    """Write *n* articles and their metadata.json into *out*; return what was planted."""
    rng = random.Random(seed)
    vocab = Vocabulary(rng)
    out.mkdir(parents=True, exist_ok=True)
    entries, originals = [], []
    forms: Counter[str] = Counter()
    counts = Counter[str]()
    start = dt.date(2015, 1, 1)
    for i in range(n):
        roll = rng.random()
        if originals and roll < exact:
            text, outlet = rng.choice(originals)
            counts["exact"] += 1
        elif originals and roll < exact + near:
            base, outlet = rng.choice(originals)
            text = _near(rng, vocab, base)
            counts["near"] += 1
        else:
            form = FORMS[bisect.bisect(list(itertools.accumulate(FORM_WEIGHTS)), rng.random() * sum(FORM_WEIGHTS))]
            text, outlet = render(rng, vocab, form)
            forms[form] += 1
            if rng.random() < MOJIBAKE_RATE:
                text = _mojibake(text)
                counts["mojibake"] += 1
            if len(originals) < 5000:
                originals.append((text, outlet))
            elif rng.random() < 0.05:
                originals[rng.randrange(len(originals))] = (text, outlet)
        data = text.encode()
        name = f"{i:07d}_{hashlib.sha256(data).hexdigest()[:16]}.txt"
        (out / name).write_bytes(data)
        entries.append(
            {
                "file": name,
                "outlet": outlet,
                "url": f"https://example.com/artikel/{i}",
                "title": f"Artikel sintetis {i}",
                "published_date": (start + dt.timedelta(days=rng.randrange(3650))).isoformat(),
                "author": None,
                "editor": None,
                "translated_from": None,
                "notes": "synthetic",
            }
        )
    (out / "metadata.json").write_text(json.dumps({"format": 1, "articles": entries}, ensure_ascii=False))
    return Planted(n, counts["exact"], counts["near"], counts["mojibake"], dict(sorted(forms.items())))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--exact", type=float, default=0.01, help="share of exact duplicates")
    parser.add_argument("--near", type=float, default=0.02, help="share of near duplicates")
    args = parser.parse_args(argv)
    print(json.dumps(asdict(write_corpus(args.out, args.n, args.seed, args.exact, args.near))))


if __name__ == "__main__":
    main()
