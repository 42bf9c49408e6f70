from flask import Flask, request
from lxml import etree

app = Flask(__name__)
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


@app.route("/feed", methods=["POST"])
def feed():
    root = etree.fromstring(request.data, parser=PARSER)
    return {"entries": len(root)}
