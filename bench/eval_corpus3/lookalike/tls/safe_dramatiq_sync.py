import os

import dramatiq
import httpx

CA_BUNDLE = os.environ.get("STORE_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")


@dramatiq.actor(max_retries=3)
def sync_inventory(store_url: str) -> int:
    with httpx.Client(verify=CA_BUNDLE, timeout=20) as client:
        items = client.get(f"{store_url}/api/inventory").json()
    return len(items)
