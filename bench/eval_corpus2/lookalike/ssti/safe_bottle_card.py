"""Greeting card preview (Bottle SimpleTemplate); user text is data."""
from bottle import request, route, template


@route("/card")
def card():
    greeting = request.query.getunicode("text", "Happy birthday!")
    return template("<div class='card'>{{greeting}}</div>", greeting=greeting)
