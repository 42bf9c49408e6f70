import os
import subprocess

from flask import Flask, request

app = Flask(__name__)


@app.route("/diag/ping", methods=["POST"])
def ping():
    host = request.form["host"]
    count = request.form.get("count", "3")
    output = subprocess.check_output("ping -c " + count + " " + host, shell=True)  # wfc-expect: security critical
    return output, 200, {"Content-Type": "text/plain"}


@app.route("/diag/dns")
def dns():
    name = request.args.get("name")
    stream = os.popen(f"nslookup {name}")  # wfc-expect: security critical
    return stream.read(), 200, {"Content-Type": "text/plain"}
