import asyncio

import requests


async def sync_ledgers(urls: list[str]) -> list[dict]:
    results = []
    for url in urls:
        resp = requests.get(url)
        resp.raise_for_status()
        results.append(resp.json())
        await asyncio.sleep(0)
    return results
