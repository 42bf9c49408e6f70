from celery import shared_task
from sqlalchemy import create_engine, text

engine = create_engine("postgresql+psycopg://app@db/app")
PURGE = text("DELETE FROM events WHERE tenant = :tenant AND created < now() - make_interval(days => :days)")


@shared_task
def purge(tenant: str, days: int) -> int:
    with engine.begin() as conn:
        result = conn.execute(PURGE, {"tenant": tenant, "days": int(days)})
        return result.rowcount
