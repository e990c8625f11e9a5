from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

# huggingface_hub and datasets read their settings from the environment once, when imported.
# Point them at a private folder before anything imports them, so that no test reads the
# developer's saved token, writes into ~/.cache/huggingface, or can reach the Hub. Subprocesses
# inherit the same environment.
if {"huggingface_hub", "datasets"} & sys.modules.keys():  # pragma: no cover - a plugin imported them
    raise RuntimeError("huggingface_hub or datasets was imported before tests/conftest.py isolated it")
HF_HOME = Path(tempfile.mkdtemp(prefix="venezuela-corpus-tests-hf-"))
atexit.register(shutil.rmtree, HF_HOME, True)
for _name in [n for n in os.environ if n.startswith(("HF_", "HUGGINGFACE_", "HUGGING_FACE_"))]:
    os.environ.pop(_name)  # every setting of the user's (token, offline mode, caches, endpoint...)
os.environ.update(
    {
        "HF_HOME": str(HF_HOME),
        "HF_HUB_CACHE": str(HF_HOME / "hub"),
        "HUGGINGFACE_HUB_CACHE": str(HF_HOME / "hub"),
        "HF_DATASETS_CACHE": str(HF_HOME / "datasets"),
        "HF_XET_CACHE": str(HF_HOME / "xet"),
        "HF_TOKEN_PATH": str(HF_HOME / "token"),
        "HF_STORED_TOKENS_PATH": str(HF_HOME / "stored_tokens"),
        "HF_ENDPOINT": "http://127.0.0.1:9",  # nothing listens there: no test reaches the Hub
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    }
)

from collections.abc import Iterator  # noqa: E402

import pytest  # noqa: E402 - after the environment is set

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A private copy of the real seeds that a test may change."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest, ignore=shutil.ignore_patterns(".seeds.lock"))
    return dest


OBJECT_STORE = 200 * 2**20
"""The object store of every Ray instance the tests start (Ray's default is 30% of the RAM)."""


@pytest.fixture(scope="session")
def ray_local() -> Iterator[None]:
    """The one Ray instance in local mode (2 CPUs) that every test of Ray shares; shut down at the end.

    While it runs, ``build(engine="ray")`` uses it instead of starting its own.
    """
    import ray

    tmp = tempfile.mkdtemp(prefix="vc-ray-")  # short: Ray's socket paths must fit in 107 bytes
    ray.init(
        address="local",
        num_cpus=2,
        object_store_memory=OBJECT_STORE,
        include_dashboard=False,
        log_to_driver=False,
        _temp_dir=tmp,
    )
    try:
        yield
    finally:
        ray.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


# Hypothesis: derandomised in CI (the same examples every run, no example database), so a
# green suite stays green; locally it explores. Examples it finds are kept as @example cases.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))
