import hashlib
import secrets

from pyramid.view import view_config


@view_config(route_name="reset", renderer="json")
def reset_token(request):
    email = request.params["email"]
    token = secrets.token_urlsafe(32)
    request.registry.tokens.store(email, hashlib.sha256(token.encode()).hexdigest())
    return {"sent": True}
