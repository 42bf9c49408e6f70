"""Celery app wiring for the billing workers (secret from the environment)."""
import os

from celery import Celery

BROKER_PASSWORD = os.environ["BILLING_BROKER_PASSWORD"]
PASSWORD_ENV_NAME = "BILLING_BROKER_PASSWORD"

app = Celery("billing", broker=f"amqp://billing:{BROKER_PASSWORD}@mq.internal:5672//")
app.conf.task_acks_late = True
