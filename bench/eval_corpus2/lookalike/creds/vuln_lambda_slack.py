"""Lambda forwarding alarms to Slack."""
import json
import urllib.request

SLACK_TOKEN = "xoxb-4021-88231-Zq8VfK2mTnR5pLw0sYdE"


def handler(event, context):
    msg = {"channel": "#alerts", "text": event["detail"]["message"]}
    req = urllib.request.Request(
        "https://slack.com/api/chat.postMessage",
        data=json.dumps(msg).encode(),
        headers={"Authorization": "Bearer " + SLACK_TOKEN, "Content-Type": "application/json"},
    )
    urllib.request.urlopen(req, timeout=5)
