"""Lambda forwarding alarms to Slack (token from Secrets Manager)."""
import json
import urllib.request

import boto3

SLACK_TOKEN_SECRET_ID = "prod/alerts/slack-token"
PLACEHOLDER = "xoxb-your-token-here"


def handler(event, context):
    token = boto3.client("secretsmanager").get_secret_value(SecretId=SLACK_TOKEN_SECRET_ID)["SecretString"]
    msg = {"channel": "#alerts", "text": event["detail"]["message"]}
    req = urllib.request.Request(
        "https://slack.com/api/chat.postMessage",
        data=json.dumps(msg).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
    )
    urllib.request.urlopen(req, timeout=5)
