"""aiohttp handlers for the report export endpoints."""

import json
import subprocess
import time

from aiohttp import web

routes = web.RouteTableDef()


@routes.get("/reports/{name}")
async def get_report(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    with open(f"/srv/reports/{name}.json") as fh:  # wfc-expect: performance medium
        payload = json.load(fh)
    return web.json_response(payload)


@routes.post("/reports/{name}/render")
async def render_report(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    result = subprocess.run(  # wfc-expect: performance high
        ["render-report", name], capture_output=True, check=True, timeout=60
    )
    return web.Response(body=result.stdout, content_type="application/pdf")


@routes.post("/reports/{name}/refresh")
async def refresh(request: web.Request) -> web.Response:
    for _ in range(3):
        if request.app["reports"].ready(request.match_info["name"]):
            break
        time.sleep(0.5)  # wfc-expect: performance high
    return web.json_response({"ok": True})
