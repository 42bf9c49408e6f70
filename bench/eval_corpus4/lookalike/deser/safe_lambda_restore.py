import base64
import json


def handler(event, context):
    blob = base64.b64decode(event["body"])
    state = json.loads(blob)
    return {"statusCode": 200, "body": str(state.get("step", 0))}
