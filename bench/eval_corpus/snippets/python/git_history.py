import subprocess


def recent_commits(repo: str, count: int) -> list[str]:
    result = subprocess.run(
        ["git", "-C", repo, "log", f"-n{int(count)}", "--format=%H %s"],
        capture_output=True, text=True, check=True, timeout=30,
    )
    return result.stdout.splitlines()
