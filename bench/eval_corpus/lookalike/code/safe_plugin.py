"""Tiny plugin host: hooks are picked by name from the installed entry points."""
from importlib.metadata import entry_points

from aiohttp import web


async def install_hook(request: web.Request) -> web.Response:
    payload = await request.json()
    available = {ep.name: ep for ep in entry_points(group="shop.hooks")}
    if payload["name"] not in available:
        raise web.HTTPBadRequest(text="unknown hook")
    request.app["hooks"][payload["name"]] = available[payload["name"]].load()
    return web.json_response({"installed": payload["name"]})
