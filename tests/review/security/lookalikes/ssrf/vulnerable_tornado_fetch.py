"""Tornado image proxy."""
from tornado.httpclient import AsyncHTTPClient
from tornado.web import RequestHandler


class ProxyHandler(RequestHandler):
    async def get(self):
        target = self.get_query_argument("src")
        resp = await AsyncHTTPClient().fetch(target, request_timeout=8)
        self.set_header("Content-Type", "image/png")
        self.write(resp.body)
