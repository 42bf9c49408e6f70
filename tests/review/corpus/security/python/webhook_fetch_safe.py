from urllib.parse import urlparse

import requests
from flask import Flask, abort, jsonify, request

app = Flask(__name__)
ALLOWED_HOSTS = {"hooks.slack.com", "api.github.com"}


@app.route("/preview", methods=["POST"])
def preview():
    target = request.json["url"]
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        abort(400, "host not allowed")
    resp = requests.get(target, timeout=5)
    return jsonify(status=resp.status_code)
