import requests
from flask import Flask, jsonify, request

app = Flask(__name__)


@app.route("/preview", methods=["POST"])
def preview():
    target = request.json["url"]
    resp = requests.get(target, timeout=5)  # wfc-expect: security high
    return jsonify(status=resp.status_code, length=len(resp.content))


@app.route("/avatar/<user_id>")
def avatar(user_id):
    resp = requests.get(f"https://avatars.example.com/u/{user_id}.png", timeout=5)
    return resp.content, 200, {"Content-Type": "image/png"}
