"""Login check (Pyramid) with bcrypt; md5 only names the cache key."""
import hashlib

import bcrypt
from pyramid.httpexceptions import HTTPForbidden
from pyramid.view import view_config


@view_config(route_name="login", request_method="POST", renderer="json")
def login(request):
    name = request.POST["name"]
    cache_key = "user:" + hashlib.md5(name.encode(), usedforsecurity=False).hexdigest()
    user = request.cache.get(cache_key) or request.dbsession.query(request.User).filter_by(name=name).one()
    if not bcrypt.checkpw(request.POST["password"].encode(), user.pw_hash):
        raise HTTPForbidden()
    return {"ok": True}
