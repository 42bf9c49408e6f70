import psycopg

CONN_INFO = "host=orders.cluster-ro.eu-west-1.rds.amazonaws.com dbname=orders user=lambda password=Xk29!vQp7Lr"


def handler(event, context):
    with psycopg.connect(CONN_INFO, connect_timeout=5) as conn:
        count = conn.execute("SELECT count(*) FROM orders").fetchone()[0]
    return {"statusCode": 200, "body": str(count)}
