"""AWS Lambda: look up a shipment by tracking code."""
import json
import os

import pymysql


def handler(event, context):
    code = event["queryStringParameters"]["code"]
    conn = pymysql.connect(host=os.environ["DB_HOST"], user="ro", password=os.environ["DB_PW"], db="ship")
    with conn.cursor() as cur:
        query = "SELECT status, eta FROM shipments WHERE code = '{}'".format(code)
        cur.execute(query)
        row = cur.fetchone()
    return {"statusCode": 200, "body": json.dumps(row, default=str)}
