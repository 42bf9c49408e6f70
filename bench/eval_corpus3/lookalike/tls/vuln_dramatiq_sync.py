import dramatiq
import httpx


@dramatiq.actor(max_retries=3)
def sync_inventory(store_url: str) -> int:
    with httpx.Client(verify=False, timeout=20) as client:
        items = client.get(f"{store_url}/api/inventory").json()
    return len(items)
