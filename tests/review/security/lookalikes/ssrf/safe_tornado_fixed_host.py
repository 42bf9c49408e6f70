"""Tornado image proxy restricted to the CDN host."""
from urllib.parse import quote

from tornado.httpclient import AsyncHTTPClient
from tornado.web import RequestHandler


class ProxyHandler(RequestHandler):
    async def get(self):
        name = self.get_query_argument("name")
        resp = await AsyncHTTPClient().fetch("https://cdn.example.com/img/" + quote(name), request_timeout=8)
        self.set_header("Content-Type", "image/png")
        self.write(resp.body)
