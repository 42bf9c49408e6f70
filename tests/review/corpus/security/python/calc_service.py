"""A tiny calculator API."""
import ast
import operator

from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "0")
    result = eval(expr)  # wfc-expect: security critical
    return jsonify(result=result)


@app.route("/calc/literal")
def calc_literal():
    return jsonify(result=ast.literal_eval(request.args.get("value", "0")))


OPS = {"add": operator.add, "sub": operator.sub}


@app.route("/calc/op")
def calc_op():
    op = OPS[request.args["op"]]
    return jsonify(result=op(int(request.args["a"]), int(request.args["b"])))
