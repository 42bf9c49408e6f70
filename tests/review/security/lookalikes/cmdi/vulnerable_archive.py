import os

from flask import Flask, request

app = Flask(__name__)


@app.route("/archive", methods=["POST"])
def archive():
    folder = request.form["folder"]
    target = "/tmp/archives/" + folder + ".tar.gz"
    os.system("tar czf " + target + " /srv/data/" + folder)
    return {"archive": target}
