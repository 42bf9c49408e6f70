"""Search results page (Bottle), escaped."""
import html

from bottle import request, response, route


@route("/search")
def search():
    q = request.query.getunicode("q", "")
    response.content_type = "text/html; charset=utf-8"
    return "<h2>Results for " + html.escape(q) + "</h2><ul></ul>"
