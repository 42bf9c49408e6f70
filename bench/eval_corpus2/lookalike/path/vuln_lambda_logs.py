"""Lambda that returns a log file from the shared EFS mount."""
def handler(event, context):
    rel = event["pathParameters"]["file"]
    with open(f"/mnt/efs/logs/{rel}", encoding="utf-8") as fh:
        body = fh.read()
    return {"statusCode": 200, "body": body}
