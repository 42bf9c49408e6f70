from defusedxml import ElementTree as ET
from flask import Flask, request

app = Flask(__name__)


@app.route("/feed", methods=["POST"])
def feed():
    root = ET.fromstring(request.data)
    return {"entries": len(root)}
