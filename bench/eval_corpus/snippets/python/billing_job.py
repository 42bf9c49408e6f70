import logging

from billing.gateway import charge_card
from billing.models import Invoice

log = logging.getLogger(__name__)


def settle(invoices: list[Invoice]) -> int:
    settled = 0
    for invoice in invoices:
        try:
            charge_card(invoice.customer_id, invoice.amount_cents)
            invoice.mark_paid()
            settled += 1
        except:
            pass
    return settled
