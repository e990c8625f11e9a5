"""The ``venezuela-corpus`` command: thin subcommands, each a call into the public API.

Exit codes: 0 success; 1 validation found errors; 2 usage error; 3 any other corpus error
(integrity, unknown version, ingest, publish). Errors are one line on stderr; ``--debug``
shows the traceback.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import click

from . import __version__
from .errors import CorpusError, WriteError
from .output import silence_stdout

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .errors import Problem
    from .export import Format
    from .hub import HubFile
    from .store import Snapshot

DEFAULT_REPO = "venezuela-corpus/venezuela-corpus"
"""The Hub repository export-hub and publish default to (``hub.DEFAULT_REPO``; not imported: speed)."""
EXIT_INVALID = 1
EXIT_ERROR = 3
SEEDS = click.Path(path_type=Path, file_okay=False)
READ_CORPUS = click.option(
    "--corpus",
    type=SEEDS,
    default=None,
    help="Corpus folder (seeds/ + snapshots/, see `init`). Default: the corpus shipped in this package.",
)
MAINTAINED_CORPUS = click.option(
    "--corpus",
    type=SEEDS,
    default=None,
    help="Corpus folder to work on (see `init`). Default: the folder you stand in (a corpus folder or a checkout).",
)
LOCK_TIMEOUT = click.option(
    "--lock-timeout",
    type=click.FloatRange(0),
    default=60.0,
    show_default=True,
    help="Seconds to wait for another command holding the lock.",
)


class _Group(click.Group):
    """Turns :class:`CorpusError` into one clear line on stderr (``--debug`` for a traceback)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        _check_top_level_version(args, self)
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            try:
                return super().invoke(ctx)
            finally:  # a reader gone away shows here, not in the interpreter's last flush
                sys.stdout.flush()
        except BrokenPipeError:  # the reader went away (e.g. `| head`): not an error, and silent
            silence_stdout()
            sys.exit(0)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as exc:  # no traceback reaches a user, unless --debug asks for it
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: {_message(exc)}", err=True)
            sys.exit(EXIT_ERROR)


def _message(exc: Exception) -> str:
    """What a user reads: our errors say it all; an OS error gets its file; anything else is a bug."""
    if isinstance(exc, (CorpusError, ValueError)):
        return str(exc)
    if isinstance(exc, OSError):
        where = f"{exc.filename}: " if exc.filename else ""
        return f"{where}{exc.strerror or exc}; check the path and its permissions, then run again"
    return f"unexpected {type(exc).__name__}: {exc}. This is a bug: run again with --debug and report the traceback"


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def _table(title: str, header: list[str], rows: list[list[Any]], err: bool = False) -> None:
    from .output import table

    table(title, header, rows, err)


def _seeds_folder(seeds: Path, what: str) -> Path:
    """*seeds*, if it is a folder; else a usage error that says where to run or what to pass."""
    if not seeds.is_dir():
        raise click.BadParameter(
            f"no folder {str(seeds)!r} ({seeds.absolute()}): {what} needs the corpus's seeds/ folder; "
            "run it in a corpus folder or a checkout, or pass --corpus DIR (or --seeds DIR)",
            param_hint="'--seeds'",
        )
    return seeds


def _check_top_level_version(args: list[str], group: click.Group) -> None:
    """``--version`` before the command prints the package version and takes nothing else.

    The corpus version is an option of each command (``info --version 1.0.0``); given before
    the command, it would be taken for the package's flag, so that is refused, not guessed.
    """
    head = list(itertools.takewhile(lambda a: a.startswith("-"), args))
    if "--version" not in head or args == head:
        return
    rest = args[len(head) :]
    commands = [a for a in rest if a in group.commands]
    values = [a for a in rest if a not in group.commands and not a.startswith("-")]
    example = f"venezuela-corpus {commands[0] if commands else 'info'} --version {values[0] if values else 'X.Y.Z'}"
    raise click.UsageError(
        "--version before a command prints the package version and takes no value; "
        f"give a corpus version after the command: {example}"
    )


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .api import versions

    shipped = versions()
    newest = shipped[-1] if shipped else "none"
    click.echo(f"venezuela-corpus {__version__} (corpus {newest}; shipped: {', '.join(shipped) or 'none'})")
    ctx.exit(0)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Print the package version and the corpus versions it ships, and exit.",
)
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Load, inspect, validate, build and publish the venezuela-corpus dataset.

    \b
    Examples:
      venezuela-corpus info
      venezuela-corpus show 002_c5021111c916f18a
      venezuela-corpus diff 1.0.0 1.0.1

    --version here is the package's; each command's --version is a corpus version
    (venezuela-corpus info --version 1.0.0).

    Exit codes: 0 ok (also when the reader of the output goes away, e.g. | head), 1 validation
    errors (validate, add), 2 usage error, 3 other error.
    """
    ctx.obj = {"debug": debug}


def _open(version: str | None, corpus: Path | None) -> Snapshot:
    """The verified snapshot of *version* (or a pin string) of *corpus*, as ``load_corpus`` reads it."""
    from .api import resolve_pinned
    from .store import open_snapshot

    resolved, _ = resolve_pinned(version, None, path=corpus)
    return open_snapshot(resolved, path=corpus)


@main.command()
@click.option("--version", "version", default=None, help="Corpus version (default: newest).")
@READ_CORPUS
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info(version: str | None, corpus: Path | None, as_json: bool) -> None:
    """Summarise a corpus version: pin, fields, outlets, years, words, language, preview.

    \b
    Example:
      venezuela-corpus info --version 1.0.0
    """
    from .summary import summarise_table

    snapshot = _open(version, corpus)  # verified as load_corpus verifies; no `datasets` import
    facts = summarise_table(snapshot.table, snapshot.version, snapshot.pin)
    if as_json:
        _dump(facts)
        return
    click.echo(f"{facts['pin'].split('==')[0]} {facts['version']}: {facts['rows']} articles")
    click.echo(f"pin: {facts['pin']}")
    words = facts["words"]
    click.echo(f"outlets: {facts['outlets']}\nyears: {facts['years']}\ndates: {facts['date_range']}")
    click.echo(f"words per article: min {words['min']}, median {words['median']}, max {words['max']}")
    click.echo(f"language: {facts['language']} (lowest score {facts['language_score_min']})")
    _table("fields", ["field", "type"], [[k, v] for k, v in facts["fields"].items()])
    preview = facts["preview"]
    click.echo(f"preview [{preview['id']}] {preview['title']}\n  {preview['text']}...")


@main.command()
@click.argument("article_id")
@click.option("--version", "version", default=None, help="Corpus version (default: newest).")
@READ_CORPUS
@click.option("--raw", is_flag=True, help="Print the raw seed text (needs the corpus's seeds/, as in a checkout).")
@click.option("--seeds", type=SEEDS, default=None, help="Seeds folder for --raw (default: the corpus's).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def show(
    article_id: str, *, version: str | None, corpus: Path | None, raw: bool, seeds: Path | None, as_json: bool
) -> None:
    """Show one article: clean text, metadata and what was removed.

    ARTICLE_ID may be a unique prefix, e.g. 002.

    \b
    Example:
      venezuela-corpus show 002 --raw
    """
    from .arrowfn import call, starts_with
    from .corpus import locate

    table = _open(version, corpus).table
    matches = call("filter", table, starts_with(table.column("id"), article_id)).to_pylist()
    if len(matches) != 1:
        ids = ", ".join(table.column("id").to_pylist())
        raise CorpusError(f"{len(matches)} articles match {article_id!r}; ids: {ids}")
    row = matches[0]
    if raw:
        folder = seeds or locate(corpus).seeds or Path("seeds")
        path = folder / row["source_file"]
        if not path.is_file():
            raise CorpusError(f"raw text {path} not found: run in a checkout, or pass --corpus or --seeds")
        click.echo(path.read_text(encoding="utf-8-sig"))
        return
    if as_json:
        _dump(row)
        return
    meta = {k: v for k, v in row.items() if k not in ("text", "removed")}
    _table(row["id"], ["field", "value"], [[k, v] for k, v in meta.items()])
    click.echo(row["text"])
    _table("removed", ["rule", "text"], [[r["rule"], r["text"]] for r in row["removed"]])


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@MAINTAINED_CORPUS
@click.option("--seeds", type=SEEDS, default=None, help="Seeds folder (default: the corpus's seeds/).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def validate(paths: tuple[Path, ...], corpus: Path | None, seeds: Path | None, as_json: bool) -> None:
    """Validate the seeds (or the given text files) and print every problem found.

    Problems name each file as given. Text files are also checked for duplicates of the
    corpus's articles: of its seeds, or, where it has none (an installed package), of its
    newest snapshot's rows. Outside a corpus folder, files are checked against the corpus
    shipped in this package.

    Exits 1 if any error is found, 0 otherwise (warnings allowed).

    \b
    Examples:
      venezuela-corpus validate
      venezuela-corpus validate new_article.txt --json
    """
    from .corpus import maintained, package_corpus
    from .errors import NotACorpusError
    from .maintain import check_files, check_seeds

    if corpus is None and (paths or seeds is not None):  # --seeds needs no corpus folder
        try:
            found = maintained()
        except NotACorpusError:
            found = package_corpus()
    else:
        found = maintained(corpus)
    folder = seeds or found.seeds
    if paths:
        report = check_files(paths, folder, corpus=found)
    else:
        report = check_seeds(_seeds_folder(folder or Path("seeds"), "validate without files"))
    problems = [asdict(p) for p in report.problems]
    if as_json:
        _dump({"ok": report.ok, "errors": len(report.errors), "warnings": len(report.warnings), "problems": problems})
    else:
        _problems_table(list(report.problems))
        click.echo(f"{len(report.errors)} error(s), {len(report.warnings)} warning(s)")
    sys.exit(0 if report.ok else EXIT_INVALID)


UNKNOWN = ("unknown", "null", "none")
"""What a metadata option may say for a fact that is not known (stored as null)."""


def _option(name: str) -> str:
    return f"--{name.replace('_', '-')}"


def _metadata_options(command: Callable[..., None]) -> Callable[..., None]:
    """One option per curated field (``schema.CURATED``): required unless the field may be null."""
    from .schema import CURATED

    for field in reversed(CURATED):
        hint = " Format YYYY-MM-DD." if field.type.startswith("date") else ""
        hint += " 'unknown' (or null) if not known." if field.nullable else ""
        option = click.option(
            _option(field.name), field.name, required=not field.nullable, help=field.description + hint
        )
        command = option(command)
    return command


@main.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@_metadata_options
@MAINTAINED_CORPUS
@click.option("--seeds", type=SEEDS, default=None, help="Seeds folder (default: the corpus's seeds/).")
@LOCK_TIMEOUT
def add(file: Path, corpus: Path | None, seeds: Path | None, lock_timeout: float, **metadata: str | None) -> None:
    """Validate a new article and add it with its metadata to the seeds.

    Refuses duplicates and near duplicates (naming the article), non-Indonesian text and
    invalid metadata, every problem at once on stderr (exit status 1, like validate);
    nothing is written then.

    \b
    Example:
      venezuela-corpus add article.txt --outlet Kompas.com --published-date 2024-08-01 \\
        --url https://example.com/a --title "Judul"
    """
    from .errors import IngestError, ValidationError
    from .maintain import add_article, seeds_of

    folder = _seeds_folder(seeds_of(corpus, seeds), "add")
    given = {k: None if v is not None and v.strip().lower() in UNKNOWN else v for k, v in metadata.items()}
    labels = {name: _option(name) for name in metadata}
    try:
        added = add_article(file, given, seeds=folder, lock_timeout=lock_timeout, labels=labels)
    except (IngestError, ValidationError) as exc:
        _problems_table(list(exc.problems), err=True)
        click.echo(f"cannot add {file}: {len(exc.problems)} error(s); nothing was written", err=True)
        sys.exit(EXIT_INVALID)
    meta = added.meta
    date = meta.published_date or "date unknown"
    click.echo(f"added {meta.file} ({meta.outlet}, {date}) to {folder}; rebuild with `build --version`")
    for warning in added.report.warnings:
        click.echo(f"warning: {warning}")


COLLECTION_FORMATS = ("csv", "jsonl", "json", "parquet", "folder")
"""``sources.FORMATS`` (not imported: speed; checked by a test)."""


def column_options() -> dict[str, str]:
    """``--<name>-column`` options of ``import`` -> the field each names: the text and ``schema.CURATED``."""
    from .schema import CURATED

    fields = ("text", *(f.name for f in CURATED))
    return {("date" if f == "published_date" else f.replace("_", "-")): f for f in fields}


def _column_options(command: Callable[..., None]) -> Callable[..., None]:
    for option, field in reversed(column_options().items()):
        helps = f"Column that gives the {field.replace('_', ' ')} (default: guessed from the header)."
        command = click.option(f"--{option}-column", f"column_{field}", default=None, help=helps)(command)
    return command


@main.command("import")
@click.argument("source", type=click.Path(path_type=Path, exists=True))
@MAINTAINED_CORPUS
@click.option("--seeds", type=SEEDS, default=None, help="Seeds folder (default: the corpus's seeds/).")
@click.option("--format", "fmt", type=click.Choice(COLLECTION_FORMATS), default=None, help="Default: from the name.")
@_column_options
@click.option("--delimiter", default=None, help="A CSV's field separator (default: guessed from its header).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True, help="Processes.")
@click.option("--dry-run", is_flag=True, help="Check every row and report; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report of every row as JSON.")
@LOCK_TIMEOUT
def import_cmd(
    source: Path,
    corpus: Path | None,
    seeds: Path | None,
    *,
    fmt: str | None,
    delimiter: str | None,
    workers: int,
    dry_run: bool,
    as_json: bool,
    lock_timeout: float,
    **columns: str | None,
) -> None:
    """Import the articles of a scraped collection into the seeds, every row checked.

    SOURCE is a CSV, JSON Lines (.jsonl), JSON array (.json) or Parquet file, or a folder of
    .txt files (with metadata.json, metadata.csv or metadata.jsonl naming each `file`).
    Columns are guessed from common scraper names (isi_berita, content, judul, title,
    tanggal, date, link, url, sumber, ...); an outlet not given comes from the url's domain.

    Each row is accepted, already present (a re-import adds nothing) or refused with its
    reasons: unreadable, no text, bad date or url, empty after cleaning, not Indonesian,
    a duplicate of an article or an earlier row. The accepted rows are added together, or
    none are. The table lists the rows refused or warned about; --json lists every row.

    Exits 1 if any row was refused (the accepted ones are still added), 0 otherwise.

    \b
    Examples:
      venezuela-corpus import berita.csv --corpus mine
      venezuela-corpus import scraped.jsonl --text-column body --date-column waktu --dry-run
    """
    from .importer import import_articles
    from .sources import open_collection

    given = {name.removeprefix("column_"): column for name, column in columns.items() if column}
    total = open_collection(source, cast("Any", fmt)).count() if sys.stderr.isatty() else None
    with click.progressbar(length=total or 0, label="importing", file=sys.stderr, hidden=not total) as bar:
        report = import_articles(
            source,
            corpus=corpus,
            seeds=seeds,
            columns=given,
            format=cast("Any", fmt),
            delimiter=delimiter,
            workers=workers,
            dry_run=dry_run,
            progress=bar.update,
            lock_timeout=lock_timeout,
        )
    if as_json:
        _dump(report.to_dict())
    else:
        _import_summary(report, dry_run=dry_run)
    sys.exit(EXIT_INVALID if report.of("refused") else 0)


def _import_summary(report: Any, *, dry_run: bool) -> None:
    columns = ", ".join(f"{field}={column}" for field, column in report.columns.items())
    click.echo(f"columns: {columns}" + ("" if "outlet" in report.columns else "; outlet from the url's domain"))
    shown = [r for r in report.rows if r.status == "refused" or r.problems]
    if shown:
        _table(
            f"rows refused or warned about ({len(shown)} of {len(report.rows)})",
            ["row", "status", "id", "check", "reason"],
            [[r.where, r.status, r.id or "", p.check, p.message] for r in shown for p in r.problems],
        )
    counts = report.counts
    done = "would import" if dry_run else "imported"
    click.echo(
        f"{done} {counts['accepted']} of {len(report.rows)} rows into {report.seeds} "
        f"({counts['refused']} refused, {counts['present']} already in the corpus)"
        + ("; rebuild with `build --version`" if report.written else "")
    )


def _problems_table(problems: list[Problem], err: bool = False) -> None:
    rows = [[p.severity, p.where, p.check, p.message, p.hint] for p in problems]
    if rows:
        _table("problems", ["severity", "where", "check", "message", "hint"], rows, err)


@main.command()
@click.option("--version", "version", required=True, help="The new corpus version X.Y.Z.")
@MAINTAINED_CORPUS
@click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=None,
    help="Seeds folder, or a scraped collection (.csv, .jsonl, .parquet) (default: the corpus's seeds/).",
)
@click.option("--out", type=SEEDS, default=None, help="Snapshots folder (default: the corpus's snapshots/).")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True, help="Processes (local engine).")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help='This machine, or Ray Data (pip install "venezuela-corpus[scale]").',
)
@click.option("--address", default=None, help="Ray cluster to use (auto, host:port); default: a new local one.")
@click.option(
    "--repair", is_flag=True, help="Replace a damaged snapshot of VERSION, if this build reproduces its recorded rows."
)
@click.option(
    "--progress-every",
    type=click.FloatRange(0),
    default=10.0,
    show_default=True,
    help="Without a terminal, seconds between progress lines on stderr.",
)
@LOCK_TIMEOUT
def build(
    version: str,
    corpus: Path | None,
    seeds: Path | None,
    out: Path | None,
    workers: int,
    *,
    engine: str,
    address: str | None,
    repair: bool,
    progress_every: float,
    lock_timeout: float,
) -> None:
    """Build a snapshot from the seeds, atomically; print where it went and a summary.

    Writes into the corpus's snapshots/ folder, never into an installed package.

    Both engines give the same snapshot, byte for byte, and the same report.
    Progress goes to stderr: a bar on a terminal (long builds), else a line every
    --progress-every seconds. Rebuilding an existing version with identical content
    changes nothing and says "unchanged".

    \b
    Examples:
      venezuela-corpus build --version 1.0.2
      venezuela-corpus build --corpus mine --version 0.1.0
      venezuela-corpus build --version 1.0.2 --engine ray --address auto
      venezuela-corpus build --corpus mine --version 0.1.0 --seeds berita.csv
    """
    from collections import Counter

    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from .corpus import maintained, package_info
    from .pipeline import build as run
    from .pipeline import locations
    from .store import DATA_FILE, MANIFEST_FILE

    seeds, root = locations(corpus, seeds=seeds, root=out)
    if not seeds.exists():
        _seeds_folder(seeds, "build")
    total = sum(1 for _ in seeds.glob("*.txt")) if seeds.is_dir() else 0  # a collection: rows not counted ahead
    existed = (root / version / MANIFEST_FILE).is_file() and not repair
    with _progress(total, f"building {version}", progress_every) as update:
        manifest = run(
            version,
            seeds=seeds,
            root=root,
            workers=workers,
            progress=update,
            lock_timeout=lock_timeout,
            repair=repair,
            engine=engine,
            address=address,
        )
    rules: Counter[str] = Counter()
    for batch in pq.ParquetFile(root / manifest.version / DATA_FILE).iter_batches(columns=["removed"]):
        names = pc.list_flatten(batch.column("removed")).field("rule")
        rules.update({str(c["values"]): int(c["counts"]) for c in pc.value_counts(names).to_pylist()})
    where = root / manifest.version
    if existed:
        click.echo(f"unchanged {manifest.version}: {manifest.rows} rows, identical to the snapshot in {where}")
    else:
        click.echo(f"built {manifest.version}: {manifest.rows} rows in {where}")
    _table("removed spans per rule", ["rule", "spans"], [[k, v] for k, v in sorted(rules.items())])
    for warning in manifest.warnings:
        click.echo(f"warning: {warning['where']}: [{warning['check']}] {warning['message']}")
    named = maintained(corpus).info if out is None or corpus is not None else package_info()
    click.echo(f"pin: {named.pin(manifest)}")


@contextlib.contextmanager
def _progress(total: int, label: str, every: float) -> Iterator[Callable[[int], None]]:
    """A progress callback: a bar on a terminal (from 500 items), else a line every *every* seconds."""
    if sys.stderr.isatty():
        with click.progressbar(length=total, label=label, file=sys.stderr, hidden=total < 500) as bar:
            yield bar.update
        return
    done, last = 0, time.monotonic()

    def update(n: int) -> None:
        nonlocal done, last
        done += n
        if time.monotonic() - last >= every:
            last = time.monotonic()
            share = f" ({100 * done // total}%)" if total else ""
            click.echo(f"{label}: {done}/{total} articles{share}", err=True)

    yield update


@main.command()
@READ_CORPUS
@click.option("--json", "as_json", is_flag=True, help="Print JSON: version, fingerprint, pin, rows, rule set.")
def versions(corpus: Path | None, as_json: bool) -> None:
    """List a corpus's versions (default: those shipped in this package), with their pins, oldest first.

    \b
    Examples:
      venezuela-corpus versions
      venezuela-corpus versions --corpus mine
      venezuela-corpus versions --json
    """
    from .api import manifest, pin
    from .api import versions as listed

    names = listed(corpus)
    if as_json:
        manifests = [manifest(v, path=corpus) for v in names]
        _dump(
            [
                {
                    "version": m.version,
                    "fingerprint": m.fingerprint,
                    "pin": pin(m.version, path=corpus),
                    "rows": m.rows,
                    "ruleset_version": m.ruleset_version,
                }
                for m in manifests
            ]
        )
        return
    for v in names:
        click.echo(pin(v, path=corpus))


@main.command("diff")
@click.argument("a")
@click.argument("b")
@READ_CORPUS
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def diff_cmd(a: str, b: str, corpus: Path | None, as_json: bool) -> None:
    """Rows added, removed and changed between corpus versions A and B.

    \b
    Example:
      venezuela-corpus diff 1.0.0 1.0.1
    """
    from .diff import diff

    result = diff(a, b, path=corpus)
    click.echo(json.dumps(asdict(result), indent=2, ensure_ascii=False) if as_json else result.to_markdown())


@main.command("export")
@click.argument("out")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "jsonl", "csv"]),
    default=None,
    help="File format (default: from OUT's extension; jsonl for -).",
)
@click.option("--version", "version", default=None, help="Corpus version (default: newest).")
@click.option("--force", is_flag=True, help="Replace OUT if it exists.")
@READ_CORPUS
def export_cmd(out: str, fmt: str | None, version: str | None, force: bool, corpus: Path | None) -> None:
    """Export a corpus version to one file, or to standard output with OUT -.

    The format comes from OUT's extension (.parquet, .jsonl, .csv) unless --format says it.
    An existing OUT is replaced only with --force, atomically.

    \b
    Examples:
      venezuela-corpus export corpus.jsonl
      venezuela-corpus export - --format csv | head
    """
    from .export import export as run
    from .export import format_of, write

    if out == "-":
        chosen = cast("Format", fmt or "jsonl")
        if chosen == "parquet" and sys.stdout.isatty():
            raise click.UsageError("will not write Parquet bytes to a terminal: redirect standard output")
        try:
            write(sys.stdout.buffer, chosen, version, path=corpus)
            sys.stdout.buffer.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:  # a full disk or a size limit behind a redirection
            raise WriteError("standard output", exc, stream=True) from exc
        return
    try:
        chosen = format_of(out, fmt)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="OUT") from None
    try:
        path = run(out, chosen, version, overwrite=force, path=corpus)
    except FileExistsError:
        raise CorpusError(f"{out} exists: pass --force to replace it (nothing was written)") from None
    click.echo(f"wrote {path} ({chosen}, {path.stat().st_size} bytes)")


@main.command("export-hub")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--version", "version", default=None, help="Corpus version (default: newest).")
@click.option("--repo-id", default=DEFAULT_REPO, show_default=True, help="Hub repo id (as for publish).")
@click.option("--force", is_flag=True, help="Replace the contents of a non-empty FOLDER.")
@READ_CORPUS
def export_hub_cmd(folder: Path, version: str | None, repo_id: str, force: bool, corpus: Path | None) -> None:
    """Write the exact Hub repository contents (data, card, croissant.json) into FOLDER.

    FOLDER must be new or empty (or --force replaces it); afterwards it holds exactly the
    files listed, as publish uploads them for the same --repo-id.

    \b
    Example:
      venezuela-corpus export-hub hub/
    """
    from .hub import export_hub

    _files(export_hub(folder, version, repo_id=repo_id, overwrite=force, path=corpus))


def _files(files: Iterable[HubFile]) -> None:
    width = 12 if sys.stdout.isatty() else 64  # piped: every value complete
    click.echo(f"{'bytes':>9}  {'sha256':<{width}}  path")
    for f in files:
        click.echo(f"{f.size:>9}  {f.sha256[:width]}  {f.path}")


@main.command()
@click.argument("repo_id", default=DEFAULT_REPO)
@click.option("--version", "version", default=None, help="Corpus version (default: newest).")
@click.option("--token", default=None, help="Hub token (default: HF_TOKEN, then the saved login).")
@click.option("--private", is_flag=True, help="Create the repository as private.")
@click.option("--dry-run", is_flag=True, help="Print the files, sizes and tag; no network.")
@READ_CORPUS
def publish(
    repo_id: str, *, version: str | None, token: str | None, private: bool, dry_run: bool, corpus: Path | None
) -> None:
    """Publish a corpus version to the Hub: one commit, tag v<version>.

    REPO_ID (default: venezuela-corpus/venezuela-corpus, as for export-hub) is checked first;
    the dry run lists the files export-hub writes for the same repository.

    \b
    Example:
      venezuela-corpus publish my-org/venezuela-corpus --dry-run
    """
    from .hub import publish as run

    result = run(repo_id, version, token=token, private=private, dry_run=dry_run, path=corpus)
    click.echo(f"{result.action}: {result.repo_id} {result.tag}" + (f" ({result.commit})" if result.commit else ""))
    _files(result.files)


@main.command()
@click.argument("folder", type=SEEDS)
@click.option("--name", default=None, help="Short name, used in pins (default: the folder's name).")
@click.option("--description", default="", help="A paragraph: what the articles are and where they come from.")
@click.option("--license", "license_", default="unknown", show_default=True, help="Terms of the article texts.")
@click.option("--citation", default="", help="How to cite the corpus (BibTeX or a sentence).")
@click.option("--homepage", default=None, help="Where the corpus lives.")
def init(
    folder: Path, *, name: str | None, description: str, license_: str, citation: str, homepage: str | None
) -> None:
    """Start a corpus of your own in FOLDER: corpus.json, an empty seeds/ and snapshots/.

    The name, description, license and citation go into its card and DatasetInfo.

    \b
    Example:
      venezuela-corpus init mine --name mine --license CC-BY-4.0 \\
        --description "Berita tentang banjir, 2020-2024"
      venezuela-corpus build --corpus mine --version 0.1.0
    """
    from .corpus import init as start

    made = start(folder, name=name, description=description, license=license_, citation=citation, homepage=homepage)
    click.echo(f"started corpus {made.info.name} in {folder}: add articles with `add --corpus {folder}`")
