import falcon
from defusedxml.ElementTree import fromstring


class SitemapImport:
    def on_post(self, req: falcon.Request, resp: falcon.Response) -> None:
        root = fromstring(req.bounded_stream.read())
        resp.media = {"urls": len(root)}
