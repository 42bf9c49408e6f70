from flask import Flask, request
from lxml import etree

app = Flask(__name__)


@app.route("/feed", methods=["POST"])
def feed():
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(request.data, parser=parser)
    return {"entries": len(root)}
