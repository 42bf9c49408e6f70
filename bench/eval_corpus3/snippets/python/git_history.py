import re
import subprocess

_REF = re.compile(r"^[A-Za-z0-9._/-]{1,100}$")


def commits_since(repo_dir: str, ref: str) -> list[str]:
    if not _REF.match(ref) or ref.startswith("-"):
        raise ValueError("bad ref")
    out = subprocess.run(
        ["git", "-C", repo_dir, "log", "--format=%H", f"{ref}..HEAD"],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return out.stdout.split()
