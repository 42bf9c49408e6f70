from aiohttp import web


async def sso_callback(request: web.Request) -> web.Response:
    state = request.query.get("state", "/")
    request.app["sessions"].mark_logged_in(request.query["code"])
    raise web.HTTPFound(location=state)
