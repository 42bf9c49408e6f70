"""Serve a theme stylesheet chosen by the user (aiohttp)."""
from pathlib import Path

from aiohttp import web

THEMES = Path("/srv/app/themes")
KNOWN = {p.stem: p for p in THEMES.glob("*.css")}


async def stylesheet(request: web.Request) -> web.Response:
    path = KNOWN.get(request.query.get("theme", "light"), THEMES / "light.css")
    return web.Response(text=path.read_text(), content_type="text/css")
