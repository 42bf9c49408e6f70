"""Read sitemaps posted to the SEO service (aiohttp)."""
import xml.sax

from aiohttp import web


class UrlCollector(xml.sax.ContentHandler):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self._in_loc = False

    def startElement(self, name, attrs):
        self._in_loc = name == "loc"

    def characters(self, content):
        if self._in_loc:
            self.urls.append(content.strip())


async def sitemap(request: web.Request) -> web.Response:
    handler = UrlCollector()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_external_ges, True)
    parser.setContentHandler(handler)
    parser.feed(await request.read())
    return web.json_response({"urls": handler.urls})
