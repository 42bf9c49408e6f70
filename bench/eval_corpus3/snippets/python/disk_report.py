import subprocess


def log_usage() -> str:
    result = subprocess.run(
        "du -sh /var/log/* | sort -h | tail -n 5",
        shell=True,
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result.stdout
