"""Connection factory for the analytics warehouse."""
import os

import psycopg2

PASSWORD_ENV = "WAREHOUSE_PASSWORD"
DEFAULT_USER = "etl_writer"


def connect():
    return psycopg2.connect(
        host=os.environ.get("WAREHOUSE_HOST", "warehouse.internal.example.com"),
        dbname="analytics",
        user=os.environ.get("WAREHOUSE_USER", DEFAULT_USER),
        password=os.environ[PASSWORD_ENV],
        connect_timeout=10,
    )
