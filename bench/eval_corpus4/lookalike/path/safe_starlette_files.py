from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse
from starlette.routing import Route

EXPORTS = Path("/srv/exports").resolve()


async def download(request):
    name = request.query_params["name"]
    target = (EXPORTS / name).resolve()
    if not target.is_relative_to(EXPORTS) or not target.is_file():
        raise HTTPException(status_code=404)
    return FileResponse(target)


app = Starlette(routes=[Route("/download", download)])
