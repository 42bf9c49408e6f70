"""Celery task importing a customer's exported workspace (safe YAML)."""
import yaml
from celery import shared_task


@shared_task
def import_workspace(payload: str) -> int:
    data = yaml.safe_load(payload) or {}
    return len(data.get("boards", []))
