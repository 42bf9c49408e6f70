import ssl
import urllib.request


def fetch(url):
    ctx = ssl.create_default_context(cafile="/etc/ssl/certs/internal-ca.pem")
    with urllib.request.urlopen(url, context=ctx, timeout=10) as resp:
        return resp.read()
