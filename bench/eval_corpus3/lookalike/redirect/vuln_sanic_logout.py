from sanic import Sanic, response

app = Sanic("auth")


@app.get("/logout")
async def logout(request):
    request.ctx.session.clear()
    return response.redirect(request.args.get("return_to", "/"))
