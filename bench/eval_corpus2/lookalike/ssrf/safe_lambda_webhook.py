"""Lambda that pings our own status endpoint (URL from configuration)."""
import json
import os
import urllib.request

STATUS_URL = os.environ.get("STATUS_URL", "https://status.example.com/ping")


def handler(event, context):
    body = json.loads(event["body"])
    req = urllib.request.Request(STATUS_URL, data=json.dumps({"from": body.get("name", "")}).encode(), method="POST")
    with urllib.request.urlopen(req, timeout=5) as resp:
        code = resp.status
    return {"statusCode": 200, "body": json.dumps({"remote_status": code})}
