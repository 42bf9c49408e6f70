from celery import shared_task
from sqlalchemy import create_engine, text

engine = create_engine("postgresql+psycopg://app@db/app")


def _where(tenant: str, days: int) -> str:
    return f"tenant = '{tenant}' AND created < now() - interval '{days} days'"


@shared_task
def purge(tenant: str, days: int) -> int:
    with engine.begin() as conn:
        result = conn.execute(text("DELETE FROM events WHERE " + _where(tenant, days)))
        return result.rowcount
