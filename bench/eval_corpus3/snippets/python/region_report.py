from sqlalchemy import text


def orders_for_region(session, region: str, limit: int = 100):
    """Export helper used by the /reports/regions endpoint."""
    stmt = text(f"SELECT id, total FROM orders WHERE region = '{region}' LIMIT {limit}")
    return [dict(row._mapping) for row in session.execute(stmt)]
