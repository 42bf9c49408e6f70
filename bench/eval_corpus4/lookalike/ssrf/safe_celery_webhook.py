import httpx
from celery import shared_task

SLACK_HOOK = "https://hooks.slack.com/services/T000/B000/relay"


@shared_task
def deliver(subscription: dict, payload: dict) -> int:
    with httpx.Client(timeout=10) as client:
        resp = client.post(SLACK_HOOK, json={"channel": subscription["channel"], **payload})
    return resp.status_code
