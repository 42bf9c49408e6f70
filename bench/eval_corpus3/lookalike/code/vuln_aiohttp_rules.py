from aiohttp import web


async def evaluate_rule(request: web.Request) -> web.Response:
    body = await request.json()
    context = {"amount": float(body["amount"]), "country": body["country"]}
    allowed = eval(body["rule"], {"__builtins__": {}}, context)
    return web.json_response({"allowed": bool(allowed)})


app = web.Application()
app.router.add_post("/rules/evaluate", evaluate_rule)
