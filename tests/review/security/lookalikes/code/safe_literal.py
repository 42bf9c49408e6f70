import ast

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/parse", methods=["POST"])
def parse():
    value = ast.literal_eval(request.form["value"])
    return jsonify(value=value)
