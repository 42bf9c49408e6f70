"""Client for the billing provider's REST API."""
import requests


class BillingClient:
    def __init__(self, base_url: str, token: str):
        self.base_url = base_url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"
        self.session.verify = False

    def invoice(self, invoice_id: str) -> dict:
        resp = self.session.get(f"{self.base_url}/invoices/{invoice_id}", timeout=15)
        resp.raise_for_status()
        return resp.json()
