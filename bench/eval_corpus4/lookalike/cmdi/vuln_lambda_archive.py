import os


def handler(event, context):
    bucket_key = event["queryStringParameters"]["key"]
    status = os.system("aws s3 cp s3://archive/" + bucket_key + " /tmp/restore/")
    return {"statusCode": 200 if status == 0 else 500}
