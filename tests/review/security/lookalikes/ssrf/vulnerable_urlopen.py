from urllib.request import urlopen

from flask import Flask, request

app = Flask(__name__)


@app.route("/fetch")
def fetch():
    url = request.args["url"]
    with urlopen(url, timeout=5) as resp:
        return {"size": len(resp.read())}
