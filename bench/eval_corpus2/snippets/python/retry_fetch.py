import logging
import time

import httpx

log = logging.getLogger(__name__)


def fetch_with_retry(url: str, attempts: int = 3) -> bytes | None:
    for n in range(attempts):
        try:
            resp = httpx.get(url, timeout=10.0)
            resp.raise_for_status()
            return resp.content
        except httpx.HTTPError:
            log.exception("fetch %s failed (attempt %d)", url, n + 1)
            time.sleep(2 ** n)
    return None
