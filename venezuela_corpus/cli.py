"""The ``venezuela-corpus`` command: thin subcommands, each a call into the public API.

Exit codes: 0 success, 1 validation found errors, 2 usage error, 3 any other corpus error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import CorpusError

EXIT_INVALID = 1
EXIT_ERROR = 3


class _Group(click.Group):
    """Turns :class:`CorpusError` into one clear line on stderr (``--debug`` for a traceback)."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (CorpusError, ValueError) as exc:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_ERROR)


def _dump(data: Any) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="venezuela-corpus")
@click.option("--debug", is_flag=True, help="Show tracebacks.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Load, inspect, validate, build and publish the venezuela-corpus dataset.

    \b
    Examples:
      venezuela-corpus info
      venezuela-corpus versions
      venezuela-corpus build --version 1.0.1
    """
    ctx.obj = {"debug": debug}


@main.command()
@click.option("--version", "version", default=None, help="Corpus version (default: newest).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def info(version: str | None, as_json: bool) -> None:
    """Summarise a corpus version.

    \b
    Example:
      venezuela-corpus info --version 1.0.0
    """
    from .api import load_corpus, pin
    from .summary import summarise

    ds = load_corpus(version)
    facts = summarise(ds, pin(ds.info.version.version_str if ds.info.version else None))
    if as_json:
        _dump(facts)
        return
    click.echo(f"venezuela-corpus {facts['version']}: {facts['rows']} articles")
    click.echo(f"pin: {facts['pin']}")
    click.echo(ds)
    for key in ("outlets", "years", "date_range", "words", "language", "language_score_min"):
        click.echo(f"{key}: {facts[key]}")
    click.echo("fields:")
    for name, feature in facts["fields"].items():
        click.echo(f"  {name}: {feature}")
    preview = facts["preview"]
    if preview:
        click.echo(f"preview [{preview['id']}] {preview['title']}\n  {preview['text']}...")


@main.command()
def versions() -> None:
    """List the corpus versions shipped in this package, with their pins.

    \b
    Example:
      venezuela-corpus versions
    """
    from .api import pin
    from .api import versions as shipped

    for v in shipped():
        click.echo(pin(v))


@main.command()
@click.option("--version", "version", required=True, help="The new corpus version X.Y.Z.")
@click.option("--seeds", type=click.Path(path_type=Path, file_okay=False), default=Path("seeds"),
              show_default=True, help="Folder of seed files and metadata.json.")
@click.option("--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Snapshots folder (default: the package's own).")
@click.option("--workers", type=int, default=1, show_default=True, help="Processes.")
def build(version: str, seeds: Path, out: Path | None, workers: int) -> None:
    """Build a snapshot from the seeds, atomically.

    \b
    Example:
      venezuela-corpus build --version 1.0.1
    """
    from .pipeline import SNAPSHOTS
    from .pipeline import build as run

    manifest = run(version, seeds=seeds, root=out or SNAPSHOTS, workers=workers)
    click.echo(f"built {manifest.version}: {manifest.rows} rows, {len(manifest.warnings)} warning(s)")
    click.echo(f"pin: {manifest.pin}")


@main.command("diff")
@click.argument("a")
@click.argument("b")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def diff_cmd(a: str, b: str, as_json: bool) -> None:
    """Rows added, removed and changed between corpus versions A and B.

    \b
    Example:
      venezuela-corpus diff 1.0.0 1.0.1
    """
    from dataclasses import asdict

    from .diff import diff

    result = diff(a, b)
    if as_json:
        _dump(asdict(result))
    else:
        click.echo(result.to_markdown())
