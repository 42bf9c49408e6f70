"""Reconcile the local inventory with the warehouse feed."""

import logging

import httpx

log = logging.getLogger(__name__)


async def fetch_feed(url: str) -> list[dict]:
    client = httpx.AsyncClient(timeout=None)  # wfc-expect: reliability medium
    resp = await client.get(url)
    return resp.json()


def reconcile(local: dict[str, int], feed: list[dict]) -> dict[str, int]:
    for sku in local.keys():  # wfc-expect: correctness medium
        if sku not in {item["sku"] for item in feed}:
            local.pop(sku)
    for item in feed:
        local[item["sku"]] = item["qty"]
    return local


def has_prefix(code: str, prefix: str) -> bool:
    return code.find(prefix) > 0  # wfc-expect: correctness medium


def count_rows(path: str) -> int:
    with open(path) as fh:
        rows = fh.readlines()  # wfc-expect: performance low
    return len(rows)
