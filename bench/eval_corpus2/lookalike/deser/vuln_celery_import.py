"""Celery task importing a customer's exported workspace."""
import yaml
from celery import shared_task


@shared_task
def import_workspace(payload: str) -> int:
    data = yaml.unsafe_load(payload)
    return len(data.get("boards", []))
