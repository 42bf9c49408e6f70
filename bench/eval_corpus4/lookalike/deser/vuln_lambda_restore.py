import base64
import pickle


def handler(event, context):
    blob = base64.b64decode(event["body"])
    state = pickle.loads(blob)
    return {"statusCode": 200, "body": str(state.get("step", 0))}
