import os

from sanic import Sanic, response

app = Sanic("exports")
EXPORT_DIR = "/srv/exports"


@app.get("/exports/<name>")
async def download(request, name: str):
    target = os.path.join(EXPORT_DIR, request.args.get("sub", ""), name)
    return await response.file(target)
