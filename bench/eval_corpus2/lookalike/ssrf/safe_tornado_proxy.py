"""Image proxy (Tornado), only for our CDN host."""
from urllib.parse import urlsplit

from tornado.httpclient import AsyncHTTPClient
from tornado.web import HTTPError, RequestHandler

ALLOWED_HOSTS = {"cdn.example.com", "img.example.com"}


class ProxyHandler(RequestHandler):
    async def get(self):
        target = self.get_query_argument("src")
        parts = urlsplit(target)
        if parts.scheme != "https" or parts.hostname not in ALLOWED_HOSTS:
            raise HTTPError(400)
        resp = await AsyncHTTPClient().fetch(target, request_timeout=8, follow_redirects=False)
        self.write(resp.body)
