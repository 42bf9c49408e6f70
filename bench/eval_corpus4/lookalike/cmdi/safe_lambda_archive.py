import os
import subprocess

ARCHIVE_TOOL = os.environ.get("ARCHIVE_TOOL", "/opt/bin/restore")


def handler(event, context):
    bucket_key = event["queryStringParameters"]["key"]
    done = subprocess.run([ARCHIVE_TOOL, "--key", bucket_key, "--dest", "/tmp/restore/"], check=False)
    return {"statusCode": 200 if done.returncode == 0 else 500}
