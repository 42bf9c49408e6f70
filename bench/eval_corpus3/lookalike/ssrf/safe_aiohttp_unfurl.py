from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

ALLOWED_HOSTS = {"www.youtube.com", "vimeo.com"}


async def unfurl(request: web.Request) -> web.Response:
    link = request.query["link"]
    parts = urlsplit(link)
    if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
        raise web.HTTPBadRequest(text="host not allowed")
    async with aiohttp.ClientSession() as session:
        async with session.get(link, timeout=aiohttp.ClientTimeout(total=5)) as upstream:
            body = await upstream.text()
    return web.json_response({"length": len(body)})
