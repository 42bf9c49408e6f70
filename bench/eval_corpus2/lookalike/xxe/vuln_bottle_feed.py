"""Import an RSS feed posted by the user (Bottle)."""
from bottle import post, request
from lxml import etree


@post("/feeds/import")
def import_feed():
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(request.body.read(), parser)
    return {"titles": [t.text for t in root.iter("title")]}
