from pathlib import Path

from sanic import Sanic, exceptions, response

app = Sanic("exports")
EXPORT_DIR = Path("/srv/exports").resolve()


@app.get("/exports/<name>")
async def download(request, name: str):
    target = (EXPORT_DIR / request.args.get("sub", "") / name).resolve()
    if not target.is_relative_to(EXPORT_DIR):
        raise exceptions.Forbidden("outside export dir")
    return await response.file(target)
