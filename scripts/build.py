"""Rebuild a corpus snapshot from seeds/: ``python scripts/build.py 1.0.0``."""

from __future__ import annotations

import sys

from venezuela_corpus.cli import main

if __name__ == "__main__":
    main(["build", "--version", *sys.argv[1:2]])
