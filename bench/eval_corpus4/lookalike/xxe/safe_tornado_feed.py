import tornado.web
from defusedxml import ElementTree


class FeedHandler(tornado.web.RequestHandler):
    def post(self):
        root = ElementTree.fromstring(self.request.body)
        titles = [t.text for t in root.iter("title")]
        self.write({"titles": titles})
