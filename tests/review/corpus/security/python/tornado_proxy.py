"""Image proxy and login redirect (Tornado)."""
from tornado.httpclient import AsyncHTTPClient
from tornado.web import RequestHandler

ALLOWED = {"cdn.example.com", "img.example.com"}


class ProxyHandler(RequestHandler):
    async def get(self) -> None:
        target = self.get_query_argument("src")
        resp = await AsyncHTTPClient().fetch(target, request_timeout=8)  # wfc-expect: security high
        self.set_header("Content-Type", "image/png")
        self.write(resp.body)


class LoginHandler(RequestHandler):
    def post(self) -> None:
        self.set_secure_cookie("user", self.get_body_argument("user"))
        self.redirect(self.get_argument("next", "/"))  # wfc-expect: security medium


class AvatarHandler(RequestHandler):
    async def get(self) -> None:
        name = self.get_query_argument("name")
        if name not in ALLOWED:
            self.send_error(400)
            return
        resp = await AsyncHTTPClient().fetch(f"https://{name}/avatar.png")
        self.write(resp.body)
