import tornado.web

PARTNERS = {
    "docs": "https://docs.example.com/",
    "status": "https://status.example.com/",
}


class OutboundHandler(tornado.web.RequestHandler):
    def get(self):
        key = self.get_argument("to")
        dest = PARTNERS.get(key, "/")
        self.application.clicks.record(key)
        self.redirect(dest)
