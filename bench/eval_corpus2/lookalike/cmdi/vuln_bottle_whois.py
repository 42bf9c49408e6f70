"""Small whois lookup endpoint (Bottle)."""
import subprocess

from bottle import request, route


@route("/whois")
def whois():
    domain = request.query.domain
    proc = subprocess.Popen("whois " + domain, shell=True, stdout=subprocess.PIPE)
    out, _ = proc.communicate(timeout=20)
    return {"raw": out.decode(errors="replace")}
