"""Worker counts follow the CPUs the process may use: affinity and cgroup v1/v2 quotas."""

from __future__ import annotations

import os
from pathlib import Path

from wfc_server.config import load_settings
from wfc_server.cpus import cgroup_cpu_limit, usable_cpus


def _v2(tmp_path: Path, cpu_max: dict[str, str], own: str = "/app/worker") -> tuple[Path, Path]:
    root = tmp_path / "cgroup"
    for folder, value in cpu_max.items():
        target = root / folder.strip("/") if folder != "/" else root
        target.mkdir(parents=True, exist_ok=True)
        (target / "cpu.max").write_text(value + "\n")
    proc = tmp_path / "self-cgroup"
    proc.write_text(f"0::{own}\n")
    return root, proc


def test_cgroup_v2_quota_caps_the_count(tmp_path: Path) -> None:
    root, proc = _v2(tmp_path, {"/app/worker": "150000 100000", "/app": "max 100000"})
    assert cgroup_cpu_limit(root, proc) == 1.5
    assert usable_cpus(root, proc) == min(2, len(os.sched_getaffinity(0)))  # 1.5 rounds up


def test_cgroup_v2_tightest_ancestor_wins_and_max_means_unlimited(tmp_path: Path) -> None:
    root, proc = _v2(tmp_path, {"/app/worker": "max 100000", "/app": "100000 100000", "/": "max 100000"})
    assert cgroup_cpu_limit(root, proc) == 1.0
    assert usable_cpus(root, proc) == 1
    unlimited_root, unlimited_proc = _v2(tmp_path / "u", {"/app/worker": "max 100000"})
    assert cgroup_cpu_limit(unlimited_root, unlimited_proc) is None
    assert usable_cpus(unlimited_root, unlimited_proc) == len(os.sched_getaffinity(0))


def test_cgroup_v1_cfs_quota(tmp_path: Path) -> None:
    mount = tmp_path / "cgroup" / "cpu,cpuacct" / "docker" / "abc"
    mount.mkdir(parents=True)
    (mount / "cpu.cfs_quota_us").write_text("50000\n")
    (mount / "cpu.cfs_period_us").write_text("100000\n")
    proc = tmp_path / "self-cgroup"
    proc.write_text("4:memory:/docker/abc\n3:cpu,cpuacct:/docker/abc\n")
    assert cgroup_cpu_limit(tmp_path / "cgroup", proc) == 0.5
    assert usable_cpus(tmp_path / "cgroup", proc) == 1


def test_no_cgroup_information_falls_back_to_affinity(tmp_path: Path) -> None:
    assert cgroup_cpu_limit(tmp_path, tmp_path / "missing") is None
    assert usable_cpus(tmp_path, tmp_path / "missing") == len(os.sched_getaffinity(0))


def test_default_worker_count_is_the_usable_cpus() -> None:
    assert load_settings(environ={}).worker_count == usable_cpus()
    assert load_settings(environ={"WFC_REVIEW_WORKERS": "3"}).worker_count == 3
