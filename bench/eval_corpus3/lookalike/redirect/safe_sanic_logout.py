from urllib.parse import urlsplit

from sanic import Sanic, response

app = Sanic("auth")


@app.get("/logout")
async def logout(request):
    request.ctx.session.clear()
    target = request.args.get("return_to", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        target = "/"
    return response.redirect(target)
