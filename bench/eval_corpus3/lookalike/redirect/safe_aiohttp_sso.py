from aiohttp import web

LANDING = {"home": "/", "billing": "/billing", "settings": "/settings"}


async def sso_callback(request: web.Request) -> web.Response:
    state = request.query.get("state", "home")
    request.app["sessions"].mark_logged_in(request.query["code"])
    raise web.HTTPFound(location=LANDING.get(state, "/"))
