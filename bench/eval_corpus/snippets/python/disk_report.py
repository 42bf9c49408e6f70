import subprocess


def disk_usage_report() -> str:
    return subprocess.run("df -h / /var | tail -n +2", shell=True, capture_output=True, text=True, timeout=10).stdout
