import requests


def get_invoice(invoice_id):
    resp = requests.get(f"https://erp.internal/invoices/{invoice_id}", verify=False, timeout=10)
    resp.raise_for_status()
    return resp.json()
