import base64
import pickle

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/session/restore", methods=["POST"])
def restore():
    blob = base64.b64decode(request.cookies.get("state", ""))
    state = pickle.loads(blob)  # wfc-expect: security critical
    return {"restored": list(state)}


@app.route("/config/import", methods=["POST"])
def import_config():
    cfg = yaml.load(request.data, Loader=yaml.Loader)  # wfc-expect: security critical
    return {"keys": sorted(cfg)}
