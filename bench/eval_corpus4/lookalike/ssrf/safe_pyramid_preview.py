from urllib.parse import urlparse

import requests
from pyramid.httpexceptions import HTTPBadRequest
from pyramid.view import view_config

ALLOWED_HOSTS = {"images.example.com", "cdn.example.com"}


@view_config(route_name="preview", renderer="json")
def preview(request):
    target = request.params["url"]
    parsed = urlparse(target)
    if parsed.scheme != "https" or parsed.hostname not in ALLOWED_HOSTS:
        raise HTTPBadRequest("host not allowed")
    resp = requests.get(target, timeout=5, allow_redirects=False)
    return {"status": resp.status_code, "length": len(resp.content)}
