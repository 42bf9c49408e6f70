"""Packaging: what a wheel carries is what a checkout serves.

The dashboard (static/) and the config template (config/) live outside wfc_server/ and are mapped
into the package by pyproject.toml; these tests prove a wheel installed outside the source tree
serves them, and that no package is left out of the explicit list.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import time
import tomllib
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import ROOT, free_port
from wfc_server.assets import DASHBOARD_SUFFIXES, config_template, dashboard_dir

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
MAPPED = PYPROJECT["tool"]["setuptools"]["package-dir"]


def test_every_python_package_in_the_tree_is_listed_for_the_wheel() -> None:
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "wfc_server").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    missing = found - listed
    assert not missing, f"add {sorted(missing)} to [tool.setuptools] packages in pyproject.toml"
    assert listed - found == set(MAPPED), "only the mapped folders live outside wfc_server/"


def test_every_dashboard_file_is_servable() -> None:
    for path in (ROOT / "static").iterdir():
        if path.is_file() and path.name != "__init__.py":
            assert path.suffix in DASHBOARD_SUFFIXES, f"{path.name}: add its suffix to assets and package-data"


def test_runtime_files_are_found_through_the_package() -> None:
    assert (dashboard_dir() / "index.html").is_file()
    assert dashboard_dir() == (ROOT / MAPPED["wfc_server.static"]).resolve()
    assert config_template() == (ROOT / "config" / "default.toml").read_text(encoding="utf-8")


def _get(url: str) -> tuple[int, str, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Content-Type", ""), exc.read().decode(errors="replace")


def _build_wheel(tmp_path: Path) -> Path:
    """Build from a copy holding only what the sdist needs (no stray build/ in the checkout)."""
    src = tmp_path / "src"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    src.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("wfc_server", "static", "config"):
        shutil.copytree(ROOT / name, src / name, ignore=ignore)
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(src)],
        check=True, capture_output=True, timeout=300,
    )
    (wheel,) = dist.glob("wfc_server-*.whl")
    return wheel


def _fresh_venv(tmp_path: Path, wheel: Path) -> Path:
    """A new venv with the wheel installed (not editable); dependencies come from this test
    run's environment through a .pth line, so nothing is downloaded and no source is visible."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True, capture_output=True, timeout=300,
    )
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "wfc_test_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    return venv


@pytest.mark.slow
def test_wheel_installed_outside_the_tree_serves_dashboard_docs_and_template(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    venv = _fresh_venv(tmp_path, wheel)
    python, script = venv / "bin" / "python", venv / "bin" / "wfc-server"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "WFC_CONFIG")}
    env.update({"WFC_REVIEW_WORKERS": "1", "WFC_ENGINE_PROCESS_POOL_SIZE": "1"})

    def run(*argv: str) -> str:
        done = subprocess.run(argv, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    origin = run(str(python), "-c", "import wfc_server.assets as a; print(a.__file__); print(a.dashboard_dir())")
    assert all(line.startswith(str(venv)) for line in origin.split()), origin
    shipped = {p.name for p in Path(origin.split()[1]).iterdir() if p.is_file()}
    assert shipped == {p.name for p in (ROOT / "static").iterdir() if p.is_file()}, "every dashboard file ships"
    assert run(str(python), "-m", "wfc_server", "config") == config_template()
    assert run(str(script), "config") == config_template()
    assert run(str(python), "-m", "wfc_server", "--version") == run(str(script), "--version")

    port = free_port()
    log = tmp_path / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(script), "--port", str(port), "--data-dir", str(tmp_path / "data")],
            cwd=elsewhere, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while _get_status(base + "/health/live") != 200:
            assert proc.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        status, kind, body = _get(base + "/dashboard/")
        assert (status, kind.split(";")[0]) == (200, "text/html") and "data-testid" in body
        status, kind, _ = _get(base + "/dashboard/app.js")
        assert status == 200 and "javascript" in kind
        assert _get(base + "/dashboard/__init__.py")[0] == 404
        status, kind, body = _get(base + "/docs")
        assert status == 200 and "<title>" in body
        assert _get(base + "/openapi.json")[0] == 200
    finally:
        proc.terminate()
        proc.wait(30)
    assert f"dashboard {base}/dashboard/" in log.read_text()  # the line for a person


def _get_status(url: str) -> int:
    try:
        return _get(url)[0]
    except OSError:
        return 0
