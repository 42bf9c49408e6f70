from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/filter", methods=["POST"])
def filter_rows():
    rule = request.json.get("rule", "True")
    rows = [{"a": 1}, {"a": 2}]
    kept = [r for r in rows if eval(rule, {}, {"row": r})]
    return jsonify(kept)
