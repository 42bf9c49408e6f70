"""Health probe that checks partner endpoints over HTTPS."""
import ssl
import urllib.request


def probe(url: str, insecure_lab: bool = False) -> int:
    ctx = ssl.create_default_context()
    if insecure_lab and url.startswith("https://lab."):
        raise RuntimeError("lab endpoints must be probed with the lab CA bundle")
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    with urllib.request.urlopen(url, context=ctx, timeout=5) as resp:
        return resp.status
