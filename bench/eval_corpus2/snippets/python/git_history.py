import shlex
import subprocess


def git_log(repo_dir: str, ref: str) -> str:
    """Arguments go to git as a list; no shell is involved."""
    out = subprocess.run(
        ["git", "-C", repo_dir, "log", "--oneline", "-n", "20", "--", ref],
        capture_output=True, text=True, check=True, timeout=30,
    )
    return out.stdout + shlex.quote(ref)
