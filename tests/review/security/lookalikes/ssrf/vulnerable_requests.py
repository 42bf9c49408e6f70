import requests
from flask import Flask, request

app = Flask(__name__)


@app.route("/webhook/test", methods=["POST"])
def test_webhook():
    endpoint = request.form["endpoint"]
    r = requests.post(endpoint, json={"ping": True}, timeout=5)
    return {"status": r.status_code}
