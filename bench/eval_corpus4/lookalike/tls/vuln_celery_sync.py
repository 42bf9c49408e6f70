import requests
from celery import shared_task

session = requests.Session()
session.verify = False


@shared_task
def pull_inventory(base_url: str) -> int:
    resp = session.get(base_url + "/inventory", timeout=15)
    resp.raise_for_status()
    return len(resp.json())
