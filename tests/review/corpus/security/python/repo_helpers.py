"""Thin data-access helpers used by the billing jobs."""
import logging

import psycopg2

log = logging.getLogger(__name__)


class InvoiceRepository:
    def __init__(self, dsn):
        self.conn = psycopg2.connect(dsn)

    def find_by_customer(self, customer_name):
        cur = self.conn.cursor()
        cur.execute("SELECT * FROM invoices WHERE customer = '%s'" % customer_name)  # wfc-expect: security high
        return cur.fetchall()

    def find_by_id(self, invoice_id):
        cur = self.conn.cursor()
        cur.execute("SELECT * FROM invoices WHERE id = %s", (invoice_id,))
        return cur.fetchone()

    def count_open(self):
        cur = self.conn.cursor()
        cur.execute("SELECT count(*) FROM invoices WHERE status = 'open'")
        return cur.fetchone()[0]
