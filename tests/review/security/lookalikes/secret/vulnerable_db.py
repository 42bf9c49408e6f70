import psycopg2

DB_HOST = "db.internal"
DB_USER = "billing"
DB_PASSWORD = "Xk9#mQ2v!Lr7zT4w"


def connect():
    return psycopg2.connect(host=DB_HOST, user=DB_USER, password=DB_PASSWORD, dbname="billing")
