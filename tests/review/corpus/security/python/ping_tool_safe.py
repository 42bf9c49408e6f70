import shlex
import subprocess

from flask import Flask, abort, request

app = Flask(__name__)


@app.route("/diag/ping", methods=["POST"])
def ping():
    host = request.form["host"]
    count = int(request.form.get("count", "3"))
    if count > 10:
        abort(400)
    cmd = "ping -c %d %s" % (count, shlex.quote(host))
    output = subprocess.check_output(cmd, shell=True, timeout=20)
    return output, 200, {"Content-Type": "text/plain"}


@app.route("/diag/dns")
def dns():
    name = request.args.get("name", "")
    result = subprocess.run(["nslookup", name], capture_output=True, text=True, timeout=10)
    return result.stdout, 200, {"Content-Type": "text/plain"}
