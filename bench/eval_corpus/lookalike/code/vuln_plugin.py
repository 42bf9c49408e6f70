"""Tiny plugin host: operators upload a hook script over the API."""
from aiohttp import web


async def install_hook(request: web.Request) -> web.Response:
    payload = await request.json()
    namespace: dict = {}
    exec(compile(payload["source"], "<hook>", "exec"), namespace)
    request.app["hooks"][payload["name"]] = namespace.get("handle")
    return web.json_response({"installed": payload["name"]})
