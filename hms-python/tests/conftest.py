"""Shared fixtures: the repository, the official HMS files and the `hms` command."""

import json
import os
import pathlib
import shutil
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def official_dir():
    """The folder of Bambu Lab's official HMS files: $HMS_OFFICIAL_DIR (set by .ci/run), else
    ../shared/hms-official beside the repository; None when neither exists."""
    given = os.environ.get("HMS_OFFICIAL_DIR")
    for candidate in ([pathlib.Path(given)] if given else []) + [REPO.parent / "shared" / "hms-official"]:
        if candidate.is_dir():
            return candidate
    return None


@pytest.fixture(scope="session")
def reports_dir():
    found = official_dir()
    folder = found / "ha-bambulab" / "reports" if found else None
    if folder is None or not folder.is_dir():
        pytest.skip("skipped: the real printer reports (HMS_OFFICIAL_DIR/ha-bambulab/reports) are not here")
    return folder


@pytest.fixture(scope="session")
def official_codes():
    """Every code of Bambu's lists, from the committed facts (catalog/official.tsv)."""
    codes = []
    for line in (REPO / "catalog" / "official.tsv").read_text().splitlines():
        if line and not line.startswith("#"):
            channel, code = line.split("\t")[:2]
            codes.append(code)
    return codes


@pytest.fixture(scope="session")
def hms_cli():
    """The `hms` command: $HMS_CLI, else built from this repository with cargo."""
    given = os.environ.get("HMS_CLI")
    if given:
        return given
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.skip("skipped: no `hms` command (set HMS_CLI) and no cargo to build one")
    subprocess.run([cargo, "build", "--quiet", "--locked", "-p", "hms-cli"], cwd=REPO, check=True)
    meta = subprocess.run(
        [cargo, "metadata", "--format-version", "1", "--no-deps"], cwd=REPO, check=True, capture_output=True
    )
    return str(pathlib.Path(json.loads(meta.stdout)["target_directory"]) / "debug" / "hms")


def run_cli(hms_cli, *args, stdin=None):
    return subprocess.run([hms_cli, *args], input=stdin, capture_output=True, text=True)
