"""Lambda that tests a customer's webhook endpoint."""
import json
import urllib.request


def handler(event, context):
    body = json.loads(event["body"])
    req = urllib.request.Request(body["endpoint"], data=b"{}", method="POST")
    with urllib.request.urlopen(req, timeout=5) as resp:
        code = resp.status
    return {"statusCode": 200, "body": json.dumps({"remote_status": code})}
