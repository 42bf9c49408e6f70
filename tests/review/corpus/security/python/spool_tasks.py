"""Celery tasks spooling exports and signing webhooks."""
import hashlib
import hmac
import os

from celery import shared_task

WEBHOOK_KEY = os.environ["WEBHOOK_KEY"].encode()


@shared_task
def spool_export(job_id: int, rows: list) -> str:
    path = f"/tmp/export-{job_id}.csv"
    with open(path, "w") as fh:  # wfc-expect: security medium
        for row in rows:
            fh.write(",".join(map(str, row)) + "\n")
    return path


@shared_task
def check_delivery(body: bytes, signature: str) -> bool:
    expected = hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()
    return expected == signature  # wfc-expect: security medium


@shared_task
def check_delivery_safe(body: bytes, signature: str) -> bool:
    expected = hmac.new(WEBHOOK_KEY, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, signature)
