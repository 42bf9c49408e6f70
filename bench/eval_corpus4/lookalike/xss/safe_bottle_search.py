import html

from bottle import Bottle, request, response

app = Bottle()


@app.get("/search")
def search():
    term = request.query.get("q", "")
    response.content_type = "text/html"
    return "<h2>Results for " + html.escape(term) + "</h2><ul></ul>"
