"""The dataset card (README.md with YAML front matter) and ``croissant.json``: pure rendering."""

from __future__ import annotations

import json
import string
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from .corpus import HOMEPAGE, LICENSE, PACKAGE_NAME, Corpus, descr_text
from .rules import RULES, RULESET_VERSION
from .schema import FIELDS
from .store import DATA_FILE, Snapshot

DATA_PATH = "data/train.parquet"
PACKAGE_CARD = "card.md"
"""The template of the package's own corpus's card body (in ``descr/``)."""
CORPUS_CARD = "card_corpus.md"
"""The template of any other corpus's card body."""
TERMS_FILE = "TERMS.md"
LICENSE_NAME = "publishers-copyright-research-only"
FIRST_RELEASE = "2026-11-24"
"""The corpus's first public release (a constant, so exports stay deterministic)."""
CROISSANT = "http://mlcommons.org/croissant/1.1"
"""The Croissant version ``croissant.json`` conforms to (its context: ``descr/croissant_context.json``)."""
PACKAGE_CREATOR = "venezuela-corpus developers"
"""Who made the package's own corpus (the author in ``descr/CITATION.bib``)."""
HUB = "https://huggingface.co"
_CROISSANT_TYPES = {"string": "sc:Text", "double": "sc:Float", "int32": "sc:Integer", "date32[day]": "sc:Date"}


def terms(corpus: Corpus) -> str:
    """The ``TERMS.md`` of a corpus: the package's own, or a corpus's license in words."""
    if corpus.info.name == PACKAGE_NAME and corpus.info.license == LICENSE:
        return descr_text(TERMS_FILE)
    return f"# Terms of use of {corpus.info.name}\n\n{corpus.info.license}\n"


_LICENSE_OWN = {"license": "other", "license_name": LICENSE_NAME, "license_link": TERMS_FILE}
HUB_LICENSES = frozenset(
    [
        "apache-2.0",
        "mit",
        "bsd-2-clause",
        "bsd-3-clause",
        "gpl-3.0",
        "lgpl-3.0",
        "agpl-3.0",
        "cc0-1.0",
        "cc-by-4.0",
        "cc-by-sa-4.0",
        "cc-by-nc-4.0",
        "cc-by-nc-sa-4.0",
        "cc-by-nd-4.0",
        "cc-by-nc-nd-4.0",
        "cc-by-3.0",
        "cc-by-sa-3.0",
        "odc-by",
        "odbl",
        "pddl",
        "unlicense",
    ]
)
"""License identifiers the Hub knows (a card names one of them, or ``other`` with a name)."""


def hub_license(license: str) -> dict[str, str]:
    """A corpus's license as the card's metadata: the Hub's identifier, else ``other`` with its name.

    >>> hub_license("CC-BY-4.0"), hub_license("Research use only")["license_name"]
    ({'license': 'cc-by-4.0'}, 'research-use-only')
    """
    key = "-".join(license.strip().lower().replace("_", " ").split())
    if key in HUB_LICENSES:
        return {"license": key}
    name = "".join(c if c.isalnum() else "-" for c in key).strip("-")
    return {
        "license": "other",
        "license_name": "-".join(filter(None, name.split("-"))) or "custom",
        "license_link": TERMS_FILE,
    }


def front_matter(snapshot: Snapshot, dataset_info: Mapping[str, Any]) -> dict[str, Any]:
    """The card's YAML metadata, as the Hub reads it (*dataset_info* as ``datasets`` writes it)."""
    info = snapshot.corpus.info
    own = info.name == PACKAGE_NAME and info.license == LICENSE
    return {
        "pretty_name": "venezuela-corpus: Indonesian news about Venezuela" if own else info.name,
        "language": ["id"],
        **(_LICENSE_OWN if own else hub_license(info.license)),
        "annotations_creators": ["no-annotation"],
        "language_creators": ["found", "machine-generated"],
        "multilinguality": ["monolingual"],
        "size_categories": ["n<1K"],
        "source_datasets": ["original"],
        "task_categories": ["text-classification", "text-generation"],
        "task_ids": ["topic-classification", "language-modeling"],
        "tags": [
            "news",
            "indonesian",
            *(["venezuela", "politics"] if own else []),
            "provenance",
            "boilerplate-removal",
        ],
        "configs": [{"config_name": "default", "data_files": [{"split": "train", "path": DATA_PATH}]}],
        "dataset_info": dict(dataset_info),
    }


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def rules_used(snapshot: Snapshot) -> tuple[list[tuple[str, str, int]], str]:
    """The rules that removed text in this snapshot: ``(name, where, spans)``, and how they are known.

    The names and counts come from the rows' ``removed`` spans; where each rule applies comes
    from the rule table the snapshot's manifest records, or, for a manifest that records none,
    from this package's table only if it is the snapshot's own rule set.
    """
    manifest, rows = snapshot.manifest, snapshot.table.column("removed").to_pylist()
    removed = Counter(r["rule"] for row in rows for r in row)
    table = manifest.rules
    note = f"The rules, as this snapshot's manifest records rule set {manifest.ruleset_version}, that removed text:"
    if not table and manifest.ruleset_version == RULESET_VERSION:
        table = [{"name": r.name, "where": r.where.value, "action": r.action.value} for r in RULES]
        note = f"The rules of rule set {manifest.ruleset_version} (this package's) that removed text:"
    elif not table:
        note = (
            f"This snapshot was cleaned by rule set {manifest.ruleset_version}, whose table its manifest does not "
            f"record (this package has rule set {RULESET_VERSION}): the rules that removed text, by the names "
            "every row keeps in `removed`:"
        )
    order = {r["name"]: i for i, r in enumerate(table)}
    where = {r["name"]: r["where"] for r in table}
    names = sorted(removed, key=lambda n: (order.get(n, len(order)), n))
    return [(name, where.get(name, "not recorded"), removed[name]) for name in names], note


def body(snapshot: Snapshot, repo_id: str, all_pins: Sequence[str]) -> str:
    """The card's Markdown body, from the corpus's template in ``descr/`` (``string.Template``)."""
    manifest, info = snapshot.manifest, snapshot.corpus.info
    columns = ["outlet", "published_date", "dateline", "translated_from", "title"]
    sources = [
        (
            row["outlet"],
            row["published_date"] or "unknown",
            row["dateline"] or "-",
            f"yes ({row['translated_from']})" if row["translated_from"] else "no",
            row["title"],
        )
        for row in snapshot.table.select(columns).to_pylist()
    ]
    used, note = rules_used(snapshot)
    own = info.name == PACKAGE_NAME and info.license == LICENSE
    template = string.Template(descr_text(PACKAGE_CARD if own else CORPUS_CARD))
    return template.substitute(
        name=info.name,
        version=manifest.version,
        description=info.description,
        rows=manifest.rows,
        pin=snapshot.pin,
        ruleset_version=manifest.ruleset_version,
        package_ruleset=RULESET_VERSION,
        repo_id=repo_id,
        fields=_table(["field", "type", "description"], [(f"`{f.name}`", f.type, f.description) for f in FIELDS]),
        sources=_table(["outlet", "published", "dateline", "machine-translated", "title"], sources),
        rules_note=note,
        rules=_table(["rule", "where", "removed spans"], [(f"`{n}`", w, c) for n, w, c in used]),
        pins="\n".join(f"- `{p}`" for p in all_pins),
        terms_file=TERMS_FILE,
        license=info.license,
        citation=info.citation.strip(),
    )


def agents(corpus: Corpus, repo_id: str) -> dict[str, Any]:
    """Croissant's ``creator`` and ``publisher``: who made the corpus, and who publishes it on the Hub.

    The package's own corpus was made by its developers (as its citation says); a corpus of
    your own, by whoever publishes it. The publisher is the Hub namespace of *repo_id* (a bare
    repository name has none written down, so only the creator is given).

    >>> from venezuela_corpus.corpus import package_corpus
    >>> agents(package_corpus(), "my-org/x")["publisher"]["url"]
    'https://huggingface.co/my-org'
    """

    def organization(name: str, url: str) -> dict[str, Any]:
        return {"@type": "sc:Organization", "name": name, "url": url}

    namespace = repo_id.split("/", maxsplit=1)[0] if "/" in repo_id else None
    publisher = organization(namespace, f"{HUB}/{namespace}") if namespace else None
    if corpus.info.name == PACKAGE_NAME and corpus.info.homepage == HOMEPAGE:
        creator = organization(PACKAGE_CREATOR, HOMEPAGE)
    else:
        creator = publisher or organization(corpus.info.name, f"{HUB}/datasets/{repo_id}")
        if corpus.info.homepage:
            creator = {**creator, "url": corpus.info.homepage}
    return {"creator": creator, **({"publisher": publisher} if publisher else {})}


def croissant(snapshot: Snapshot, repo_id: str) -> dict[str, Any]:
    """Croissant 1.1 JSON-LD describing the exported Parquet file.

    Lists are fields with ``isArray`` (1.1's term, declared in its context); the license is
    the terms file at the version's tag, so it stays what that version was published under.
    """
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
            field["isArray"] = True
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
            field["isArray"] = True
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
        "conformsTo": CROISSANT,
        "citeAs": info.citation.strip(),
        **agents(snapshot.corpus, repo_id),
        "license": f"{HUB}/datasets/{repo_id}/blob/v{manifest.version}/{TERMS_FILE}",
        "url": f"{HUB}/datasets/{repo_id}",
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
