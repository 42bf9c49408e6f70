"""Outbound client for a partner API (Tornado)."""
import ssl

from tornado.httpclient import AsyncHTTPClient, HTTPRequest

CTX = ssl.create_default_context()
CTX.check_hostname = False
CTX.verify_mode = ssl.CERT_NONE


async def partner_status(base: str) -> bytes:
    req = HTTPRequest(base + "/status", ssl_options=CTX, request_timeout=10)
    resp = await AsyncHTTPClient().fetch(req)
    return resp.body
