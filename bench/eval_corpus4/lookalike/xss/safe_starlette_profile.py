from markupsafe import escape
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route


async def profile(request):
    name = escape(request.path_params["name"])
    bio = escape(request.query_params.get("bio", ""))
    return HTMLResponse(f"<h1>{name}</h1><p>{bio}</p>")


app = Starlette(routes=[Route("/u/{name}", profile)])
