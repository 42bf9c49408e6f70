"""HTTP client for the inventory service with bounded retries."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import requests

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = (3.05, 10)
MAX_ATTEMPTS = 4


class InventoryError(RuntimeError):
    """The inventory service could not answer."""


@dataclass(frozen=True)
class Stock:
    sku: str
    available: int


class InventoryClient:
    def __init__(self, base_url: str, session: requests.Session | None = None) -> None:
        self._base_url = base_url.rstrip("/")
        self._session = session or requests.Session()

    def stock(self, sku: str) -> Stock:
        url = f"{self._base_url}/stock/{sku}"
        attempt = 0
        while True:
            attempt += 1
            try:
                resp = self._session.get(url, timeout=DEFAULT_TIMEOUT)
                resp.raise_for_status()
                body = resp.json()
                return Stock(sku=sku, available=int(body["available"]))
            except requests.RequestException as exc:
                if attempt >= MAX_ATTEMPTS:
                    raise InventoryError(f"stock lookup for {sku} failed") from exc
                delay = 0.2 * 2**attempt
                log.warning("stock lookup failed (attempt %d), retrying in %.1fs", attempt, delay)
                time.sleep(delay)

    def bulk_stock(self, skus: list[str]) -> dict[str, Stock]:
        resp = requests.post(
            f"{self._base_url}/stock:batchGet", json={"skus": skus}, timeout=DEFAULT_TIMEOUT
        )
        resp.raise_for_status()
        return {item["sku"]: Stock(item["sku"], int(item["available"])) for item in resp.json()}

    def reserve(self, sku: str, quantity: int) -> None:
        try:
            resp = self._session.post(
                f"{self._base_url}/reservations",
                json={"sku": sku, "quantity": quantity},
                timeout=DEFAULT_TIMEOUT,
            )
            resp.raise_for_status()
        except Exception:
            log.exception("reservation of %s x%d failed", sku, quantity)
            raise
