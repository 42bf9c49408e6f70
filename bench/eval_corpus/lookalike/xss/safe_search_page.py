"""Search page of a small aiohttp site."""
import html

from aiohttp import web


def page(title: str, body: str) -> str:
    return f"<!doctype html><html><head><title>{title}</title></head><body>{body}</body></html>"


async def search(request: web.Request) -> web.Response:
    q = html.escape(request.query.get("q", ""))
    body = f"<h1>Results for {q}</h1><ul></ul>"
    return web.Response(text=page("Search", body), content_type="text/html")
