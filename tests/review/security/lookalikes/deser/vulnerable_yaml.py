import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/pipeline", methods=["POST"])
def pipeline():
    spec = yaml.load(request.files["spec"].read(), Loader=yaml.UnsafeLoader)
    return {"steps": len(spec.get("steps", []))}
