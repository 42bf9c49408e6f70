from lxml import etree
from flask import Flask, request

app = Flask(__name__)


@app.route("/import", methods=["POST"])
def import_xml():
    parser = etree.XMLParser(resolve_entities=True, no_network=False)  # wfc-expect: security high
    doc = etree.fromstring(request.data, parser)
    return {"items": len(doc.findall("item"))}


@app.route("/users/find")
def find_user():
    tree = etree.parse("users.xml")
    name = request.args.get("name", "")
    hits = tree.xpath("//user[@name='" + name + "']/email/text()")  # wfc-expect: security high
    return {"emails": [str(h) for h in hits]}


@app.route("/users/find-safe")
def find_user_safe():
    tree = etree.parse("users.xml")
    hits = tree.xpath("//user[@name=$name]/email/text()", name=request.args.get("name", ""))
    return {"emails": [str(h) for h in hits]}
