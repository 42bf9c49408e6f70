"""Account lookups used by the support console (SQLAlchemy)."""

from sqlalchemy.orm import Session

from accounts.models import Account, Invoice


def account_summary(session: Session, email: str) -> dict:
    account = session.query(Account).filter_by(email=email).first()
    plan = account.plan_name  # wfc-expect: correctness medium
    if account is None:
        return {"email": email, "status": "unknown"}
    return {"email": email, "plan": plan, "status": account.status}


def invoice_totals(session: Session, account_ids: list[int]) -> dict[int, int]:
    totals = {}
    for account_id in account_ids:
        invoices = session.query(Invoice).filter(Invoice.account_id == account_id).all()  # wfc-expect: performance medium
        totals[account_id] = sum(i.amount_cents for i in invoices)
    return totals


def flag_vip(accounts: list[dict], vip_emails: list[str]) -> list[dict]:
    for account in accounts:
        account["vip"] = account["email"] in vip_emails  # wfc-expect: performance low
    return accounts
