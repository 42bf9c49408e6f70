"""Flash notice page (Starlette): only known notices are shown."""
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

NOTICES = {"saved": "Your changes were saved.", "bye": "You are signed out."}


async def notice(request):
    msg = NOTICES.get(request.query_params.get("msg", ""), "")
    return HTMLResponse(f"<div class='notice'>{msg}</div>")


app = Starlette(routes=[Route("/notice", notice)])
