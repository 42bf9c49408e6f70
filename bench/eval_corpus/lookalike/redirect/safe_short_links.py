"""Short-link expander (aiohttp)."""
from aiohttp import web


async def go(request: web.Request) -> web.Response:
    slug = request.query.get("u", "")
    target = await request.app["links"].get(slug)
    if target is None:
        raise web.HTTPNotFound()
    raise web.HTTPFound(location=target)
