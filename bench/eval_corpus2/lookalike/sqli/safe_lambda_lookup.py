"""AWS Lambda: look up a shipment by tracking code (parameterised)."""
import json
import os

import pymysql

TABLE = "shipments"


def handler(event, context):
    code = event["queryStringParameters"]["code"]
    conn = pymysql.connect(host=os.environ["DB_HOST"], user="ro", password=os.environ["DB_PW"], db="ship")
    with conn.cursor() as cur:
        query = "SELECT status, eta FROM {} WHERE code = %s".format(TABLE)
        cur.execute(query, (code,))
        row = cur.fetchone()
    return {"statusCode": 200, "body": json.dumps(row, default=str)}
