"""Health probe that checks partner endpoints over HTTPS."""
import ssl
import urllib.request


def probe(url: str) -> int:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    with urllib.request.urlopen(url, context=ctx, timeout=5) as resp:
        return resp.status
