from urllib.parse import urlparse

import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED = {"hooks.example.com", "ci.example.com"}


@app.route("/webhook/test", methods=["POST"])
def test_webhook():
    endpoint = request.form["endpoint"]
    if urlparse(endpoint).hostname not in ALLOWED:
        abort(400)
    r = requests.post(endpoint, json={"ping": True}, timeout=5)
    return {"status": r.status_code}
