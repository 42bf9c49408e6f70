"""Short-link expander (aiohttp)."""
from aiohttp import web


async def go(request: web.Request) -> web.Response:
    target = request.query.get("u")
    if not target:
        raise web.HTTPBadRequest()
    raise web.HTTPFound(location=target)
