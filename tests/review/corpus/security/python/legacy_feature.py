"""Export endpoints; the old shell-based exporter is disabled."""
import csv
import io
import os

from flask import Flask, Response, request

app = Flask(__name__)
USE_LEGACY_EXPORT = False


@app.route("/export")
def export():
    table = request.args.get("table", "orders")
    if USE_LEGACY_EXPORT:
        os.system("psql -c 'COPY " + table + " TO STDOUT' > /srv/export.csv")
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["id", "total"])
    return Response(buf.getvalue(), mimetype="text/csv")


def old_export(table):
    return None
    os.system("pg_dump -t " + table)
