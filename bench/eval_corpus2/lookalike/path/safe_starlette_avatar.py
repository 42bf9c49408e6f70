"""Serve user avatars (Starlette), confined to the avatar directory."""
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse
from starlette.routing import Route

AVATARS = Path("/srv/avatars").resolve()


async def avatar(request):
    target = (AVATARS / request.path_params["name"]).resolve()
    if not target.is_relative_to(AVATARS):
        raise HTTPException(404)
    return FileResponse(target)


app = Starlette(routes=[Route("/avatar/{name:path}", avatar)])
