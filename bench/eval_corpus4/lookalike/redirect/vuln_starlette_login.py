from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route


async def after_login(request):
    target = request.query_params.get("next", "/")
    return RedirectResponse(target, status_code=303)


app = Starlette(routes=[Route("/after-login", after_login)])
