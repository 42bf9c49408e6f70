import base64

import tornado.web
import yaml


class PrefsHandler(tornado.web.RequestHandler):
    def get(self):
        raw = self.get_cookie("prefs")
        prefs = yaml.load(base64.b64decode(raw), Loader=yaml.Loader) if raw else {}
        self.write({"theme": prefs.get("theme", "light")})
