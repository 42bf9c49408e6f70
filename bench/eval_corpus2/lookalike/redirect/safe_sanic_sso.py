"""SSO callback (Sanic); return target is looked up by key."""
from sanic import Sanic, redirect

app = Sanic("sso")
TARGETS = {"home": "/home", "billing": "/billing", "settings": "/settings"}


@app.get("/sso/callback")
async def callback(request):
    request.ctx.session["user"] = request.args.get("user")
    return redirect(TARGETS.get(request.args.get("return_to", "home"), "/home"))
