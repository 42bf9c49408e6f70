import ipaddress
import subprocess

from sanic import Sanic, response

app = Sanic("netcheck")


@app.get("/ping")
async def ping(request):
    host = request.args.get("host", "127.0.0.1")
    addr = ipaddress.ip_address(host)
    result = subprocess.run(["ping", "-c", "2", str(addr)], capture_output=True, text=True)
    return response.text(result.stdout)
