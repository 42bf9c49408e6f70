"""Health: the contract's ``GET /`` plus liveness and readiness probes."""

from __future__ import annotations

from aiohttp import web
from aiohttp_apigami import response_schema

from wfc_server import __version__
from wfc_server.api.docs import documented
from wfc_server.api.render import json_response
from wfc_server.api.schemas import HealthSchema, ProbeSchema
from wfc_server.state import LIFECYCLE, REQUEST_ID, SERVICE


@documented("API health and version", tags=["health"])
@response_schema(HealthSchema, 200)
async def root(request: web.Request) -> web.Response:
    return json_response({"status": "healthy", "version": __version__})


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
    if lifecycle.ready and not lifecycle.draining:
        service = request.app[SERVICE]
        checks.update(queue_depth=service.queue_depth, running=service.running_count)
        return json_response({"status": "ready", "checks": checks})
    status = "draining" if lifecycle.draining else "starting"
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
