import subprocess

from sanic import Sanic, response

app = Sanic("netcheck")


@app.get("/ping")
async def ping(request):
    host = request.args.get("host", "127.0.0.1")
    result = subprocess.run(f"ping -c 2 {host}", shell=True, capture_output=True, text=True)
    return response.text(result.stdout)
