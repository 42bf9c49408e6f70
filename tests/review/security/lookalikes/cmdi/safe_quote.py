import os
import shlex

from flask import Flask, request

app = Flask(__name__)


@app.route("/archive", methods=["POST"])
def archive():
    folder = shlex.quote(request.form["folder"])
    os.system("tar czf /tmp/archives/out.tar.gz /srv/data/" + folder)
    return {"ok": True}
