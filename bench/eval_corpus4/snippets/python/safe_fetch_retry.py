import logging
import time

import httpx

log = logging.getLogger(__name__)


def fetch_json(url: str, attempts: int = 3) -> dict | None:
    """Best-effort fetch for the dashboard widget; a missing widget is acceptable."""
    for attempt in range(1, attempts + 1):
        try:
            resp = httpx.get(url, timeout=5.0)
            resp.raise_for_status()
            return resp.json()
        except httpx.HTTPError:
            log.exception("widget fetch failed (attempt %d/%d)", attempt, attempts)
            time.sleep(0.5 * attempt)
    return None
