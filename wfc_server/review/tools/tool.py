"""Run an external analyzer binary with a hard timeout and a process-group kill.

Reviewers run inside worker processes, so a blocking call is fine here; what matters is that a
stuck tool can never outlive its budget and that its failure is loud (AnalyzerError), not an
empty result.
"""

from __future__ import annotations

import os
import signal
import subprocess
from dataclasses import dataclass

from wfc_server.review.model import AnalyzerError


@dataclass(frozen=True, slots=True)
class ToolRun:
    returncode: int
    stdout: str
    stderr: str


def run_tool(
    argv: list[str],
    *,
    timeout: float,
    cwd: str | None = None,
    stdin: str | None = None,
    ok_codes: tuple[int, ...] = (0,),
    env: dict[str, str] | None = None,
) -> ToolRun:
    """Run ``argv``; raise :class:`AnalyzerError` on timeout, missing binary or an unexpected code."""
    name = os.path.basename(argv[0])
    try:
        proc = subprocess.Popen(
            argv,
            cwd=cwd,
            stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,  # own process group, so the kill takes its children too
            env=env,
        )
    except OSError as exc:
        raise AnalyzerError(f"analyzer {name} could not start: {exc.strerror or exc}") from None
    try:
        out, err = proc.communicate(stdin, timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise AnalyzerError(f"analyzer {name} timed out after {timeout:g} seconds") from None
    except BaseException:
        _kill_group(proc)
        raise
    if proc.returncode not in ok_codes:
        first = (err or "").strip().splitlines()[:1]
        reason = first[0][:200] if first else f"exit code {proc.returncode}"
        raise AnalyzerError(f"analyzer {name} failed: {reason}")
    return ToolRun(proc.returncode, out, err)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()
