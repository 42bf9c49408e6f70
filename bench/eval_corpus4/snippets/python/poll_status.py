import time

import httpx


def wait_ready(url: str) -> dict:
    while True:
        try:
            resp = httpx.get(url)
            if resp.json().get("ready"):
                return resp.json()
        except httpx.HTTPError:
            continue
        time.sleep(2)
