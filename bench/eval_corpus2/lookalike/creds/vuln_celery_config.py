"""Celery app wiring for the billing workers."""
from celery import Celery

BROKER_PASSWORD = "b1ll1ng-Rabbit-77"

app = Celery("billing", broker=f"amqp://billing:{BROKER_PASSWORD}@mq.internal:5672//")
app.conf.task_acks_late = True
