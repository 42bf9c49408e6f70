"""CLI health checker for internal services."""
import sys

import requests


def check(url: str) -> bool:
    resp = requests.get(url, timeout=5, verify=False)
    return resp.status_code == 200


if __name__ == "__main__":
    sys.exit(0 if all(check(u) for u in sys.argv[1:]) else 1)
