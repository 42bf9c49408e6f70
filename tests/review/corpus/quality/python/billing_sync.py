"""Sync invoices from the billing provider into the local database."""

import logging
import time

import requests

log = logging.getLogger(__name__)

API = "https://billing.example.com/v2"


def fetch_invoice(invoice_id: str) -> dict:
    resp = requests.get(f"{API}/invoices/{invoice_id}")  # wfc-expect: reliability medium
    resp.raise_for_status()
    return resp.json()


def sync_customer(conn, customer_id: int) -> int:
    cur = conn.cursor()
    cur.execute("SELECT id FROM invoices WHERE customer_id = %s", (customer_id,))
    ids = [row[0] for row in cur.fetchall()]
    synced = 0
    for invoice_id in ids:
        try:
            data = fetch_invoice(invoice_id)
        except Exception:  # wfc-expect: reliability medium
            continue
        cur.execute(  # wfc-expect: performance medium
            "UPDATE invoices SET status = %s, total = %s WHERE id = %s",
            (data["status"], data["total"], invoice_id),
        )
        synced += 1
    conn.commit()
    return synced


def sync_all(conn, customers: list[int]) -> None:
    started = time.monotonic()
    total = sum(sync_customer(conn, c) for c in customers)
    log.info("synced %d invoices in %.1fs", total, time.monotonic() - started)
