"""Preview of a marketing mail (Starlette + Jinja2) in a sandbox with fixed templates."""
import jinja2
from jinja2.sandbox import SandboxedEnvironment
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

ENV = SandboxedEnvironment(loader=jinja2.DictLoader({"promo": "<p>Hi {{ name }}, {{ offer }}</p>"}), autoescape=True)


async def preview(request):
    form = await request.form()
    body = ENV.get_template("promo").render(name="Ada", offer=form["offer"])
    return HTMLResponse(body)


app = Starlette(routes=[Route("/mail/preview", preview, methods=["POST"])])
