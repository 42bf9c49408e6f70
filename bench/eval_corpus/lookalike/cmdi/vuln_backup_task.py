"""Celery task that snapshots a customer database on request."""
import os

from celery import shared_task


@shared_task
def snapshot(db_name: str, label: str) -> str:
    target = f"/backups/{db_name}-{label}.sql.gz"
    os.system(f"pg_dump {db_name} | gzip > {target}")
    return target


def schedule_from_request(request) -> None:
    snapshot.delay(request.POST["db"], request.POST.get("label", "manual"))
