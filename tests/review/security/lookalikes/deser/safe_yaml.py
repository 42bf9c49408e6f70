import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/pipeline", methods=["POST"])
def pipeline():
    spec = yaml.safe_load(request.files["spec"].read())
    other = yaml.load(request.data, Loader=yaml.SafeLoader)
    return {"steps": len(spec.get("steps", [])), "other": bool(other)}
