from urllib.parse import quote

import requests

BASE = "https://status.internal.example.com/api/v2/components/"


def component_status(component_id: str) -> str:
    resp = requests.get(BASE + quote(component_id, safe=""), timeout=5)
    resp.raise_for_status()
    return resp.json()["status"]
