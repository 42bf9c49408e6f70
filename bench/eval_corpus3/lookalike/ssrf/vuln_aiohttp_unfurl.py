import aiohttp
from aiohttp import web


async def unfurl(request: web.Request) -> web.Response:
    link = request.query["link"]
    async with aiohttp.ClientSession() as session:
        async with session.get(link, timeout=aiohttp.ClientTimeout(total=5)) as upstream:
            body = await upstream.text()
    return web.json_response({"length": len(body)})
