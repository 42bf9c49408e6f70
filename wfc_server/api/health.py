"""Health: the contract's ``GET /`` plus liveness and readiness probes."""

from __future__ import annotations

from aiohttp import web
from aiohttp_apigami import response_schema

from wfc_server import __version__
from wfc_server.api.docs import documented
from wfc_server.api.render import json_response
from wfc_server.api.schemas import HealthSchema, ProbeSchema
from wfc_server.state import LIFECYCLE, REQUEST_ID, SERVICE, STORAGE


_WELCOME = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wfc-server {version}</title></head>
<body><h1>wfc-server {version}</h1>
<p>Code review as a service. This address answers JSON to API clients.</p>
<ul><li><a href="/dashboard/">Dashboard</a>: create a project, submit diffs, read reviews</li>
<li><a href="/docs">API documentation</a> (<a href="/openapi.json">openapi.json</a>)</li>
<li><a href="/metrics">Prometheus metrics</a></li></ul></body></html>
"""


def wants_html(request: web.Request) -> bool:
    """A browser (asks for HTML, not JSON); curl and API clients keep getting JSON."""
    accept = request.headers.get("Accept", "")
    return "text/html" in accept and "application/json" not in accept


@documented(
    "API health and version",
    tags=["health"],
    description="API health and version as JSON. A browser (Accept: text/html without "
    "application/json) gets a short page linking to the dashboard and these docs instead.",
)
@response_schema(HealthSchema, 200)
async def root(request: web.Request) -> web.Response:
    if wants_html(request):
        return web.Response(
            text=_WELCOME.format(version=__version__),
            content_type="text/html",
            headers={"Vary": "Accept", "Content-Security-Policy": "default-src 'none'"},
        )
    return json_response({"status": "healthy", "version": __version__}, headers={"Vary": "Accept"})


@documented("Liveness probe: the process is up and its event loop answers", tags=["health"])
@response_schema(ProbeSchema, 200)
async def live(request: web.Request) -> web.Response:
    return json_response({"status": "alive", "checks": {}})


@documented(
    "Readiness probe: 200 once the store is loaded and workers run; 503 while starting or draining",
    tags=["health"],
    errors=(503,),
)
@response_schema(ProbeSchema, 200)
async def ready(request: web.Request) -> web.Response:
    lifecycle = request.app[LIFECYCLE]
    checks: dict[str, object] = {"store_loaded": lifecycle.ready, "draining": lifecycle.draining}
    if lifecycle.startup_error:
        checks["startup_error"] = lifecycle.startup_error
    unavailable = request.app[STORAGE].available()
    checks["storage"] = unavailable or "ok"
    if lifecycle.ready and not lifecycle.draining and unavailable is None:
        service = request.app[SERVICE]
        checks.update(queue_depth=service.queue_depth, running=service.running_count)
        return json_response({"status": "ready", "checks": checks})
    status = "draining" if lifecycle.draining else "starting" if not lifecycle.ready else "unavailable"
    # A 503 is still an error to clients, so it carries the envelope too.
    return json_response(
        {
            "error": "ServiceUnavailable",
            "detail": f"Service is {status}",
            "request_id": request.get(REQUEST_ID),
            "status": status,
            "checks": checks,
        },
        status=503,
        headers={"Retry-After": "1"},
    )
