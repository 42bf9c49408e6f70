"""Celery task that snapshots a customer database on request."""
import re
import subprocess

from celery import shared_task

DB_NAME = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


@shared_task
def snapshot(db_name: str, label: str) -> str:
    if not DB_NAME.match(db_name) or not label.isalnum():
        raise ValueError("bad snapshot request")
    target = f"/backups/{db_name}-{label}.sql"
    subprocess.run(["pg_dump", "--file", target, db_name], check=True, timeout=3600)
    return target


def schedule_from_request(request) -> None:
    snapshot.delay(request.POST["db"], request.POST.get("label", "manual"))
