import ast

from aiohttp import web


async def evaluate_rule(request: web.Request) -> web.Response:
    body = await request.json()
    limits = ast.literal_eval(body["limits"])
    allowed = float(body["amount"]) <= float(limits.get(body["country"], 0))
    return web.json_response({"allowed": bool(allowed)})


app = web.Application()
app.router.add_post("/rules/evaluate", evaluate_rule)
