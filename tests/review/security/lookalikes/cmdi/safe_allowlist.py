import subprocess

from flask import Flask, abort, request

app = Flask(__name__)
SERVICES = {"nginx", "redis", "worker"}


@app.route("/restart", methods=["POST"])
def restart():
    name = request.form.get("service", "")
    if name not in SERVICES:
        abort(400)
    subprocess.run("systemctl restart " + name, shell=True, check=True)
    return {"restarted": name}
