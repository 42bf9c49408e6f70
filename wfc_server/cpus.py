"""How many CPUs this process may really use: its affinity mask and its cgroup CPU quota.

``os.cpu_count()`` is the host's count; in a container limited to two CPUs on a 64-core host it
would start 64 workers that then fight over two CPUs. Worker counts that default to "one per CPU"
use :func:`usable_cpus` instead.
"""

from __future__ import annotations

import math
import os
from pathlib import Path

CGROUP_ROOT = Path("/sys/fs/cgroup")
PROC_CGROUP = Path("/proc/self/cgroup")


def usable_cpus(cgroup_root: Path = CGROUP_ROOT, proc_cgroup: Path = PROC_CGROUP) -> int:
    """min(affinity, cgroup quota rounded up), at least 1."""
    try:
        count = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        count = os.cpu_count() or 1
    quota = cgroup_cpu_limit(cgroup_root, proc_cgroup)
    if quota is not None:
        count = min(count, max(1, math.ceil(quota)))
    return max(1, count)


def cgroup_cpu_limit(cgroup_root: Path = CGROUP_ROOT, proc_cgroup: Path = PROC_CGROUP) -> float | None:
    """The tightest CPU quota (in CPUs) over this process's cgroup and its ancestors, or None."""
    try:
        entries = proc_cgroup.read_text(encoding="ascii").splitlines()
    except OSError:
        return None
    limits: list[float] = []
    for entry in entries:
        hierarchy, _, rest = entry.partition(":")
        controllers, _, path = rest.partition(":")
        if hierarchy == "0" and controllers == "":  # cgroup v2 (unified)
            for folder in _ancestors(cgroup_root, path):
                limits.extend(_v2_limit(folder / "cpu.max"))
        elif "cpu" in controllers.split(","):  # cgroup v1
            for mount in (cgroup_root / "cpu,cpuacct", cgroup_root / "cpu"):
                if mount.is_dir():
                    for folder in _ancestors(mount, path):
                        limits.extend(_v1_limit(folder))
                    break
    return min(limits) if limits else None


def _ancestors(mount: Path, path: str) -> list[Path]:
    """The cgroup's folder and each parent up to the mount (inside a container: just the mount)."""
    parts = [p for p in path.strip("/").split("/") if p and p != ".."]
    return [mount.joinpath(*parts[:depth]) for depth in range(len(parts), -1, -1)]


def _v2_limit(cpu_max: Path) -> list[float]:
    try:
        quota, _, period = cpu_max.read_text(encoding="ascii").strip().partition(" ")
    except OSError:
        return []
    if quota == "max" or not period:
        return []
    try:
        return [int(quota) / int(period)] if int(period) > 0 and int(quota) > 0 else []
    except ValueError:
        return []


def _v1_limit(folder: Path) -> list[float]:
    try:
        quota = int((folder / "cpu.cfs_quota_us").read_text(encoding="ascii"))
        period = int((folder / "cpu.cfs_period_us").read_text(encoding="ascii"))
    except (OSError, ValueError):
        return []
    return [quota / period] if quota > 0 and period > 0 else []
