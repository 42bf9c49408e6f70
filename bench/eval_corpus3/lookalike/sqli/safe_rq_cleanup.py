import psycopg2
from psycopg2 import sql

ALLOWED_TABLES = {"events", "sessions", "uploads"}


def purge_tenant(dsn: str, payload: dict) -> int:
    """RQ job: payload comes straight from the admin API request body."""
    table = payload["table"]
    if table not in ALLOWED_TABLES:
        raise ValueError(f"table not purgeable: {table}")
    tenant = payload["tenant"]
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        stmt = sql.SQL("DELETE FROM {} WHERE tenant_id = %s").format(sql.Identifier(table))
        cur.execute(stmt, (tenant,))
        return cur.rowcount
