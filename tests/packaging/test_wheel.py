"""An installed wheel finds its resources (catalogue, calendar, fonts) without the source checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_wheel_carries_resources_and_finds_them(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("motcua-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "app/_resources/data/procedures.json" in names
    assert "app/_resources/fonts/DejaVuSans.ttf" in names
    assert any(n.startswith("sync/") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "MOTCUA_DATA_DIR": str(tmp_path / "data")}
    env.pop("MOTCUA_RESOURCES_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", "import app.paths as p; print(p.__file__); print(p.resources_dir())"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert out[0].startswith(str(site)) and out[1] == str(site / "app" / "_resources")
    listing = subprocess.run(
        [sys.executable, "-m", "app", "catalog", "list", "--json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
    )
    assert listing.returncode == 0, listing.stderr
    assert "1.001193" in listing.stdout
