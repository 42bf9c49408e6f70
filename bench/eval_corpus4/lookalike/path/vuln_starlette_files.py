from pathlib import Path

from starlette.applications import Starlette
from starlette.responses import FileResponse
from starlette.routing import Route

EXPORTS = Path("/srv/exports")


async def download(request):
    name = request.query_params["name"]
    return FileResponse(EXPORTS / name)


app = Starlette(routes=[Route("/download", download)])
