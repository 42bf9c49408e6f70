import os

import psycopg

CONN_INFO = "host={host} dbname=orders user=lambda password={password}"


def handler(event, context):
    dsn = CONN_INFO.format(host=os.environ["DB_HOST"], password=os.environ["DB_PASSWORD"])
    with psycopg.connect(dsn, connect_timeout=5) as conn:
        count = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
    return {"statusCode": 200, "body": str(count)}
