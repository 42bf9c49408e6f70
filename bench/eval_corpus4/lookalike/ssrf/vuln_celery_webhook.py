import httpx
from celery import shared_task


@shared_task
def deliver(subscription: dict, payload: dict) -> int:
    with httpx.Client(timeout=10) as client:
        resp = client.post(subscription["callback_url"], json=payload)
    return resp.status_code
