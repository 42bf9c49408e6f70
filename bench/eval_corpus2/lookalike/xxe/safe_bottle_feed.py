"""Import an RSS feed posted by the user (Bottle) with defusedxml."""
from bottle import post, request
from defusedxml import ElementTree


@post("/feeds/import")
def import_feed():
    root = ElementTree.fromstring(request.body.read())
    return {"titles": [t.text for t in root.iter("title")]}
