"""SSO callback (Sanic)."""
from sanic import Sanic, redirect

app = Sanic("sso")


@app.get("/sso/callback")
async def callback(request):
    request.ctx.session["user"] = request.args.get("user")
    return redirect(request.args.get("return_to", "/home"))
