import asyncio
import subprocess

from aiohttp import web


async def make_thumb(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    if not name.isalnum():
        raise web.HTTPBadRequest()
    subprocess.run(["convert", f"/srv/img/{name}.png", "-resize", "64x64", f"/srv/thumbs/{name}.png"], check=True)
    await asyncio.sleep(0)
    return web.json_response({"ok": True})
