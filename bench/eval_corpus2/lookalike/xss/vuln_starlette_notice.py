"""Flash notice page (Starlette)."""
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route


async def notice(request):
    msg = request.query_params.get("msg", "")
    return HTMLResponse(f"<div class='notice'>{msg}</div>")


app = Starlette(routes=[Route("/notice", notice)])
