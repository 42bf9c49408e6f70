"""Lambda that returns a log file from the shared EFS mount (basename only)."""
import os


def handler(event, context):
    rel = os.path.basename(event["pathParameters"]["file"])
    with open(os.path.join("/mnt/efs/logs", rel), encoding="utf-8") as fh:
        body = fh.read()
    return {"statusCode": 200, "body": body}
