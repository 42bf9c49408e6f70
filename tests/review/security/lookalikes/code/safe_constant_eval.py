from flask import Flask, jsonify, request

app = Flask(__name__)
DEFAULT_EXPR = "2 ** 10"


@app.route("/limits")
def limits():
    limit = eval(DEFAULT_EXPR)
    page = int(request.args.get("page", "1"))
    return jsonify(limit=limit, page=page)
