"""Outbound client for a partner API (Tornado), pinned CA."""
import ssl

from tornado.httpclient import AsyncHTTPClient, HTTPRequest

CTX = ssl.create_default_context(cafile="/etc/ssl/partner-ca.pem")
CTX.minimum_version = ssl.TLSVersion.TLSv1_2


async def partner_status(base: str) -> bytes:
    req = HTTPRequest(base + "/status", ssl_options=CTX, request_timeout=10)
    resp = await AsyncHTTPClient().fetch(req)
    return resp.body
