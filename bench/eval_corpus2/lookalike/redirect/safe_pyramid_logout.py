"""Logout view (Pyramid); only same-site relative targets are followed."""
from urllib.parse import urlsplit

from pyramid.httpexceptions import HTTPFound
from pyramid.security import forget
from pyramid.view import view_config


def _local(target: str) -> str:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return "/"
    return target


@view_config(route_name="logout")
def logout(request):
    headers = forget(request)
    return HTTPFound(location=_local(request.params.get("next", "/")), headers=headers)
