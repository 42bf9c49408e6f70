import falcon
from lxml import etree


class SitemapImport:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        parser = etree.XMLParser(resolve_entities=True, no_network=False)
        root = etree.fromstring(req.bounded_stream.read(), parser)
        resp.media = {"urls": len(root)}
