"""CLI health checker for internal services (internal CA bundle)."""
import sys

import requests

CA_BUNDLE = "/etc/ssl/internal-ca.pem"


def check(url: str, verify: str | bool = CA_BUNDLE) -> bool:
    resp = requests.get(url, timeout=5, verify=verify)
    return resp.status_code == 200


if __name__ == "__main__":
    sys.exit(0 if all(check(u) for u in sys.argv[1:]) else 1)
