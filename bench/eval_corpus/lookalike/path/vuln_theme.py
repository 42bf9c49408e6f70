"""Serve a theme stylesheet chosen by the user (aiohttp)."""
from pathlib import Path

from aiohttp import web

THEMES = Path("/srv/app/themes")


async def stylesheet(request: web.Request) -> web.Response:
    theme = request.query.get("theme", "light")
    css = (THEMES / f"{theme}.css").read_text()
    return web.Response(text=css, content_type="text/css")
