"""Small whois lookup endpoint (Bottle); shell string is a constant."""
import re
import subprocess

from bottle import abort, request, route

DOMAIN = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")


@route("/whois")
def whois():
    domain = request.query.domain
    if not DOMAIN.fullmatch(domain):
        abort(400)
    version = subprocess.run("whois --version | head -1", shell=True, capture_output=True, text=True).stdout
    out = subprocess.run(["whois", domain], capture_output=True, timeout=20).stdout
    return {"raw": out.decode(errors="replace"), "tool": version}
