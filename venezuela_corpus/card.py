"""The dataset card (README.md with YAML front matter) and ``croissant.json``: pure rendering."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .corpus import LICENSE, PACKAGE_NAME, Corpus, descr_text
from .rules import RULES, RULESET_VERSION
from .schema import FIELDS
from .store import DATA_FILE, Snapshot

DATA_PATH = "data/train.parquet"
TERMS_FILE = "TERMS.md"
LICENSE_NAME = "publishers-copyright-research-only"
FIRST_RELEASE = "2026-11-24"
"""The corpus's first public release (a constant, so exports stay deterministic)."""
_CROISSANT_TYPES = {"string": "sc:Text", "double": "sc:Float", "int32": "sc:Integer", "date32[day]": "sc:Date"}


def terms(corpus: Corpus) -> str:
    """The ``TERMS.md`` of a corpus: the package's own, or a corpus's license in words."""
    if corpus.info.name == PACKAGE_NAME and corpus.info.license == LICENSE:
        return descr_text(TERMS_FILE)
    return f"# Terms of use of {corpus.info.name}\n\n{corpus.info.license}\n"


def front_matter(snapshot: Snapshot, dataset_info: Mapping[str, Any]) -> dict[str, Any]:
    """The card's YAML metadata, as the Hub reads it (*dataset_info* as ``datasets`` writes it)."""
    return {
        "pretty_name": "venezuela-corpus: Indonesian news about Venezuela",
        "language": ["id"],
        "license": "other",
        "license_name": LICENSE_NAME,
        "license_link": TERMS_FILE,
        "annotations_creators": ["no-annotation"],
        "language_creators": ["found", "machine-generated"],
        "multilinguality": ["monolingual"],
        "size_categories": ["n<1K"],
        "source_datasets": ["original"],
        "task_categories": ["text-classification", "text-generation"],
        "task_ids": ["topic-classification", "language-modeling"],
        "tags": ["news", "indonesian", "venezuela", "politics", "provenance", "boilerplate-removal"],
        "configs": [{"config_name": "default", "data_files": [{"split": "train", "path": DATA_PATH}]}],
        "dataset_info": dict(dataset_info),
    }


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def body(snapshot: Snapshot, repo_id: str, all_pins: Sequence[str]) -> str:
    """The card's Markdown body."""
    manifest, rows, info = snapshot.manifest, snapshot.table.to_pylist(), snapshot.corpus.info
    removed = Counter(r["rule"] for row in rows for r in row["removed"])
    used = [rule for rule in RULES if rule.name in removed]
    sources = [
        (
            row["outlet"],
            row["published_date"] or "unknown",
            row["dateline"] or "-",
            f"yes ({row['translated_from']})" if row["translated_from"] else "no",
            row["title"],
        )
        for row in rows
    ]
    return f"""
# venezuela-corpus {manifest.version}

{info.description}

- **Rows:** {manifest.rows} articles, one split (`train`).
- **Pin:** `{snapshot.pin}`
- **Rule set:** {manifest.ruleset_version} (package rule set {RULESET_VERSION}).

## How to load

With the package (offline, verified against the fingerprint):

```python
from venezuela_corpus import load_corpus
ds = load_corpus("{snapshot.pin}")
```

From the Hub, pinned to this version's tag:

```python
from datasets import load_dataset
ds = load_dataset("{repo_id}", revision="v{manifest.version}", split="train")
# or, verified against the package's manifest:
from venezuela_corpus import load_corpus
ds = load_corpus("{manifest.version}", source="hub", repo_id="{repo_id}")
```

## Fields

{_table(["field", "type", "description"], [(f"`{f.name}`", f.type, f.description) for f in FIELDS])}

## Sources

{_table(["outlet", "published", "dateline", "machine-translated", "title"], sources)}

## How the text was cleaned

Each raw text was repaired (ftfy with quotes, widths and ligatures left alone; Unicode NFC;
invisible and control characters removed), its whitespace normalised (odd spaces to plain
spaces, paragraphs separated by a blank line), and outlet boilerplate removed by a table of
named rules anchored to the article's first or last lines or to whole lines. No word of the
articles was rewritten, not even the machine translation's odd phrasing. Every removed span is
kept in the `removed` field as `{{rule, text}}`, so any removal can be audited or undone; the
dateline, keywords and credits became fields. Rules that fired in this version:

{_table(["rule", "where", "removed spans"], [(f"`{r.name}`", r.where.value, removed[r.name]) for r in used])}

## Versions and fingerprints

Corpus versions are semantic: MAJOR for a schema change or removed articles, MINOR for added
articles or fields, PATCH for cleaning fixes. Each version is a tag `vX.Y.Z` in this
repository. The fingerprint is a SHA-256 over a canonical JSON serialisation of the rows
sorted by `id`, independent of Parquet bytes.

{chr(10).join(f"- `{p}`" for p in all_pins)}

## Terms of use

`license: other`. The package code is MIT-licensed; the article texts are not. Each article
remains the copyright of its publisher; the texts are shared, with their sources named and
linked, for non-commercial research, teaching and the evaluation of language technology only.
See [`{TERMS_FILE}`]({TERMS_FILE}).

## Limitations and biases

- **Tiny:** {manifest.rows} articles; use it for tests, demonstrations and qualitative work, not to
  train or evaluate models whose results need statistical power.
- **One machine translation:** the netizen.media article is a machine translation of a Breitbart
  News article, with the translator's errors kept as published (flag `machine_translated`).
- **Partisan and uneven sources:** the outlets and the translated original take sides on the
  Venezuelan government; the sample reflects what was collected, not Indonesian coverage at large.
- Two publication dates are estimates (see `notes`); one linked word lost in extraction is not
  restored (flag `link_gap`).

## Personal and sensitive information

The articles name public figures (heads of state, ministers, military officers, opposition
leaders) and journalists in their professional roles, and report political allegations. No
private individuals' personal data were added; nothing was anonymised, as the texts are
published news.

## Citation

```bibtex
{info.citation.strip()}
```
"""


def croissant(snapshot: Snapshot, repo_id: str) -> dict[str, Any]:
    """Croissant 1.0 JSON-LD describing the exported Parquet file."""
    manifest, info, rows = snapshot.manifest, snapshot.corpus.info, snapshot.manifest.rows
    data_sha256 = manifest.files[DATA_FILE]["sha256"]  # the data was verified against it

    def source(column: str) -> dict[str, Any]:
        return {"fileObject": {"@id": "train.parquet"}, "extract": {"column": column}}

    fields = []
    for f in FIELDS:
        field: dict[str, Any] = {
            "@type": "cr:Field",
            "@id": f"articles/{f.name}",
            "name": f.name,
            "description": f.description,
            "source": source(f.name),
        }
        if f.type.startswith("list<element: struct"):
            field["cr:isArray"] = True
            field["subField"] = [
                {
                    "@type": "cr:Field",
                    "@id": f"articles/{f.name}/{sub}",
                    "name": sub,
                    "dataType": "sc:Text",
                    "source": {**source(f.name), "extract": {"column": f.name}, "transform": {"jsonPath": sub}},
                }
                for sub in ("rule", "text")
            ]
        elif f.type.startswith("list<"):
            field["cr:isArray"] = True
            field["dataType"] = "sc:Text"
        else:
            field["dataType"] = _CROISSANT_TYPES[f.type]
        fields.append(field)
    context = json.loads(descr_text("croissant_context.json"))
    return {
        "@context": context,
        "@type": "sc:Dataset",
        "name": info.name,
        "description": info.description,
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "citeAs": info.citation.strip(),
        "license": f"https://huggingface.co/datasets/{repo_id}/blob/main/{TERMS_FILE}",
        "url": f"https://huggingface.co/datasets/{repo_id}",
        "version": manifest.version,
        "datePublished": FIRST_RELEASE,
        "inLanguage": "id",
        "keywords": ["news", "Indonesian", "Venezuela"],
        "distribution": [
            {
                "@type": "cr:FileObject",
                "@id": "train.parquet",
                "name": "train.parquet",
                "contentUrl": DATA_PATH,
                "encodingFormat": "application/x-parquet",
                "sha256": data_sha256,
            }
        ],
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": "articles",
                "name": "articles",
                "description": f"{rows} articles, one per row.",
                "field": fields,
            }
        ],
    }
