import hashlib
import time

from pyramid.view import view_config


@view_config(route_name="reset", renderer="json")
def reset_token(request):
    email = request.params["email"]
    token = hashlib.md5(f"{email}{int(time.time())}".encode()).hexdigest()
    request.registry.tokens.store(email, token)
    return {"sent": True}
