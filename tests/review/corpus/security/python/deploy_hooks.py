"""Deployment notifications."""
import json
import urllib.request

SLACK_WEBHOOK_TOKEN = "xoxb-2048713650-1873627581202-k3Jd8sQwLp0ZxVb7NmRt4YhE"  # wfc-expect: security high
AWS_ACCESS_KEY_ID = "AKIAQ3EGRTY7V5NXWK2P"  # wfc-expect: security high


def notify(channel: str, text: str) -> None:
    body = json.dumps({"channel": channel, "text": text}).encode()
    req = urllib.request.Request(
        "https://slack.com/api/chat.postMessage",
        data=body,
        headers={"Authorization": f"Bearer {SLACK_WEBHOOK_TOKEN}", "Content-Type": "application/json"},
    )
    urllib.request.urlopen(req, timeout=10)
