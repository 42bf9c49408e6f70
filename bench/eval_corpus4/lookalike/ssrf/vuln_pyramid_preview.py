import requests
from pyramid.view import view_config


@view_config(route_name="preview", renderer="json")
def preview(request):
    target = request.params["url"]
    resp = requests.get(target, timeout=5)
    return {"status": resp.status_code, "length": len(resp.content)}
