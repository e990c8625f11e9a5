"""The built wheel and sdist: contents, metadata, and a real install in a fresh venv."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import venezuela_corpus as vc

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True, capture_output=True)
    return out


def test_wheel_ships_every_snapshot_and_py_typed(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "venezuela_corpus/py.typed" in names
    for version in vc.versions():
        for name in ("articles.parquet", "manifest.json"):
            assert f"venezuela_corpus/snapshots/{version}/{name}" in names
    for name in ("DESCRIPTION.md", "CITATION.bib", "TERMS.md", "card.md", "card_corpus.md"):
        assert f"venezuela_corpus/descr/{name}" in names
    assert not any(".tmp-" in n or n.endswith(".lock") for n in names)


def test_wheel_installs_in_a_fresh_venv_and_loads_offline(dist: Path, tmp_path: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    # The dependencies come from this environment (a .pth file), so the test needs no
    # network; the package itself is a real pip install of the wheel.
    site = subprocess.run(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = [p for p in sys.path if p.endswith("site-packages")]
    Path(site, "_deps.pth").write_text("\n".join(deps) + "\n")
    subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "--no-deps", "--ignore-installed", str(wheel)], check=True
    )
    env = {**os.environ, "HF_DATASETS_OFFLINE": "1", "HF_HUB_OFFLINE": "1", "HF_HOME": str(tmp_path / "hf")}
    code = "import venezuela_corpus as v; ds = v.load_corpus(); print(v.__file__); print(ds.num_rows, len(ds.features))"
    out = subprocess.run([str(py), "-c", code], env=env, cwd=tmp_path, check=True, capture_output=True, text=True)
    where, shape = out.stdout.strip().splitlines()
    assert where.startswith(str(venv)), "loaded the source tree, not the installed wheel"
    assert shape == "4 21"
    cli = subprocess.run(
        [str(venv / "bin" / "venezuela-corpus"), "versions"], env=env, check=True, capture_output=True, text=True
    )
    assert "venezuela-corpus==1.0.0@sha256:" in cli.stdout


def test_sdist_can_rebuild_the_corpus(dist: Path) -> None:
    import tarfile

    (sdist,) = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as tar:
        names = tar.getnames()
    for part in ("seeds/metadata.json", "seeds/000_d3f9cf7e7d47adc1.txt", "tests/golden/", "scripts/"):
        assert any(part in n for n in names), part


def test_twine_check_passes(dist: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "twine", "check", "--strict", *map(str, dist.iterdir())], check=True, capture_output=True
    )
