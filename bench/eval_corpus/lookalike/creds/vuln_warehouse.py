"""Connection factory for the analytics warehouse."""
import psycopg2


def connect():
    return psycopg2.connect(
        host="warehouse.internal.example.com",
        dbname="analytics",
        user="etl_writer",
        password="Wh!2024-etl-Sup3rSecret",
        connect_timeout=10,
    )
