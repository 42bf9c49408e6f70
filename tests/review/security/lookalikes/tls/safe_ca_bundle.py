import requests

CA_BUNDLE = "/etc/ssl/certs/internal-ca.pem"


def get_invoice(invoice_id):
    resp = requests.get(f"https://erp.internal/invoices/{invoice_id}", verify=CA_BUNDLE, timeout=10)
    resp.raise_for_status()
    return resp.json()
