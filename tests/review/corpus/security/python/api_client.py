"""Client for the partner inventory API."""
import requests

PARTNER_URL = "https://partner.example.net/api/v2"


class InventoryClient:
    def __init__(self, token: str):
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def stock(self, sku: str) -> dict:
        resp = self.session.get(f"{PARTNER_URL}/stock/{sku}", verify=False, timeout=10)  # wfc-expect: security medium
        resp.raise_for_status()
        return resp.json()

    def health(self) -> bool:
        return requests.get(PARTNER_URL + "/health", timeout=5).ok
