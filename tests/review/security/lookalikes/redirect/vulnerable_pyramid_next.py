"""Pyramid logout view returning the user to `next`."""
from pyramid.httpexceptions import HTTPFound
from pyramid.security import forget
from pyramid.view import view_config


@view_config(route_name="logout")
def logout(request):
    headers = forget(request)
    return HTTPFound(location=request.params.get("next", "/"), headers=headers)
