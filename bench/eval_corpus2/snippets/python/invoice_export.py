import csv
import sqlite3


def export_invoices(db_path, customer, out_path):
    conn = sqlite3.connect(db_path)
    cur = conn.cursor()
    cur.execute("SELECT id, total FROM invoices WHERE customer = '%s'" % customer)
    with open(out_path, "w", newline="") as fh:
        writer = csv.writer(fh)
        for row in cur.fetchall():
            writer.writerow(row)
    conn.close()
