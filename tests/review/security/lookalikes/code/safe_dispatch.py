from flask import Flask, abort, jsonify, request

app = Flask(__name__)


def _sum(values):
    return sum(values)


def _max(values):
    return max(values)


HANDLERS = {"sum": _sum, "max": _max}


@app.route("/aggregate", methods=["POST"])
def aggregate():
    name = request.json.get("op")
    if name not in HANDLERS:
        abort(400)
    values = [float(v) for v in request.json.get("values", [])]
    return jsonify(result=HANDLERS[name](values))
