import os

from flask import Flask, request, send_file

app = Flask(__name__)
EXPORT_DIR = "/var/app/exports"


@app.get("/exports/download")
def download_export():
    name = request.args["name"]
    return send_file(os.path.join(EXPORT_DIR, name), as_attachment=True)
