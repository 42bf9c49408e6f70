import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.get("/filter")
def parse_filter():
    spec = ast.literal_eval(request.args.get("spec", "{}"))
    if not isinstance(spec, dict):
        return jsonify(error="spec must be a dict"), 400
    return jsonify(keys=sorted(spec))
