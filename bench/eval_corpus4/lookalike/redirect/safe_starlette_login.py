from urllib.parse import urlparse

from starlette.applications import Starlette
from starlette.responses import RedirectResponse
from starlette.routing import Route


async def after_login(request):
    target = request.query_params.get("next", "/")
    parsed = urlparse(target)
    if parsed.scheme or parsed.netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    return RedirectResponse(target, status_code=303)


app = Starlette(routes=[Route("/after-login", after_login)])
