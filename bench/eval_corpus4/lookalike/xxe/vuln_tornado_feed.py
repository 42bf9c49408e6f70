import tornado.web
from lxml import etree


class FeedHandler(tornado.web.RequestHandler):
    def post(self):
        parser = etree.XMLParser(resolve_entities=True, no_network=False)
        root = etree.fromstring(self.request.body, parser)
        titles = [t.text for t in root.iter("title")]
        self.write({"titles": titles})
