from aiohttp import web


async def avatar(request: web.Request) -> web.Response:
    user_id = int(request.match_info["user_id"])
    with open(f"/var/cache/avatars/{user_id}.png", "rb") as fh:
        data = fh.read()
    return web.Response(body=data, content_type="image/png")
