"""Read sitemaps posted to the SEO service (aiohttp)."""
from aiohttp import web
from lxml import etree

PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


async def sitemap(request: web.Request) -> web.Response:
    root = etree.fromstring(await request.read(), PARSER)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return web.json_response({"urls": [loc.text for loc in root.findall(".//s:loc", ns)]})
