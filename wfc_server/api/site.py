"""Non-API pages: Prometheus metrics and the browser dashboard's static files."""

from __future__ import annotations

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from wfc_server.assets import DASHBOARD_SUFFIXES, dashboard_dir
from wfc_server.state import ENGINE, LIFECYCLE, METRICS, SERVICE

#: Resolved once: the installed package's dashboard folder (static/ in a checkout).
STATIC_DIR = dashboard_dir()

#: The dashboard may run only its own scripts and talk only to this service (its WebSocket
#: included: Chromium and Firefox match ws:/wss: of the same host with 'self').
DASHBOARD_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


async def metrics(request: web.Request) -> web.Response:
    """Prometheus text format; gauges that mirror live state are refreshed on scrape."""
    registry = request.app[METRICS]
    if request.app[LIFECYCLE].ready:
        registry.worktree_pool_size.set(request.app[ENGINE].pool_size())
        registry.queue_depth.set(request.app[SERVICE].queue_depth)
    body = generate_latest(registry.registry)
    response = web.Response(body=body)
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    return response


async def api_docs(request: web.Request) -> web.FileResponse:
    """/docs and /docs/: Swagger UI (its files ship with aiohttp-apigami) on /openapi.json."""
    response = web.FileResponse(STATIC_DIR / "api-docs.html")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


async def dashboard_redirect(request: web.Request) -> web.Response:
    raise web.HTTPPermanentRedirect("/dashboard/")


async def dashboard_file(request: web.Request) -> web.StreamResponse:
    """Serve the dashboard with cache headers and the CSP; ``/dashboard/`` is index.html."""
    name = request.match_info.get("path") or "index.html"
    target = (STATIC_DIR / name).resolve()
    if (
        not target.is_relative_to(STATIC_DIR)
        or target.suffix not in DASHBOARD_SUFFIXES
        or not target.is_file()
    ):
        raise web.HTTPNotFound()
    response = web.FileResponse(target)
    # Cached, but revalidated (ETag/Last-Modified -> 304) so a deploy never mixes old and new
    # modules in one page.
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Content-Security-Policy"] = DASHBOARD_CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    return response
