import os
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/archive", methods=["POST"])
def archive():
    folder = request.form["folder"]
    if False:
        os.system("tar czf /tmp/out.tar.gz " + folder)
    subprocess.run(["tar", "czf", "/srv/out.tar.gz", "--", folder], check=True)
    return {"ok": True}
