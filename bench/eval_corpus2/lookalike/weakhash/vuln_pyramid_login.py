"""Login check (Pyramid)."""
import hashlib

from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config


@view_config(route_name="login", request_method="POST", renderer="json")
def login(request):
    user = request.dbsession.query(request.User).filter_by(name=request.POST["name"]).one()
    if hashlib.md5(request.POST["password"].encode()).hexdigest() != user.pw_hash:
        raise HTTPForbidden()
    return {"ok": True}
