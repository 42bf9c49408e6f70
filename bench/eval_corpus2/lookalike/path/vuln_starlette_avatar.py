"""Serve user avatars (Starlette)."""
from starlette.applications import Starlette
from starlette.responses import FileResponse
from starlette.routing import Route

AVATARS = "/srv/avatars"


async def avatar(request):
    name = request.path_params["name"]
    return FileResponse(AVATARS + "/" + name)


app = Starlette(routes=[Route("/avatar/{name:path}", avatar)])
