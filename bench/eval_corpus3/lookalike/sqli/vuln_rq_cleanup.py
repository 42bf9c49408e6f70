import psycopg2


def purge_tenant(dsn: str, payload: dict) -> int:
    """RQ job: payload comes straight from the admin API request body."""
    table = payload["table"]
    tenant = payload["tenant"]
    with psycopg2.connect(dsn) as conn, conn.cursor() as cur:
        cur.execute(f"DELETE FROM {table} WHERE tenant_id = '{tenant}'")
        return cur.rowcount
