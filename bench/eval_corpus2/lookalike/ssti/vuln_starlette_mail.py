"""Preview of a marketing mail whose body template the tenant edits (Starlette + Jinja2)."""
import jinja2
from starlette.applications import Starlette
from starlette.responses import HTMLResponse
from starlette.routing import Route

ENV = jinja2.Environment(autoescape=True)


async def preview(request):
    form = await request.form()
    body = ENV.from_string(form["body"]).render(name="Ada")
    return HTMLResponse(body)


app = Starlette(routes=[Route("/mail/preview", preview, methods=["POST"])])
