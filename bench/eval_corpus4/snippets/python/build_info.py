import subprocess
from pathlib import Path


def current_commit(repo: Path) -> str:
    """Short commit id of the checked-out tree, for the /version endpoint."""
    out = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=repo,
        check=True,
        capture_output=True,
        text=True,
        timeout=10,
    )
    return out.stdout.strip()
