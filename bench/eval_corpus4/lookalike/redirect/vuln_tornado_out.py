import tornado.web


class OutboundHandler(tornado.web.RequestHandler):
    def get(self):
        dest = self.get_argument("to")
        self.application.clicks.record(dest)
        self.redirect(dest)
