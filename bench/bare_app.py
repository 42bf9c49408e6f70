"""The baseline: a bare aiohttp app answering a JSON body shaped like a review status.

The API bench divides the service's figures by this app's, measured in the same run on the same
machine, so the ratio says what the service's own work (auth, store, validation, logging,
metrics, the fsync on submit) costs on top of aiohttp itself.
"""

from __future__ import annotations

import argparse
import json

from aiohttp import web

BODY = {
    "review_id": "6f1c1f5e-9c4e-4a4b-9d8f-3d1f0c2a7b10",
    "status": "completed",
    "project_id": "bench",
    "developer_id": "bench",
    "submitted_at": "2026-01-01T00:00:00.000Z",
    "started_at": "2026-01-01T00:00:00.100Z",
    "completed_at": "2026-01-01T00:00:01.000Z",
    "consensus_score": 9.5,
    "passed": True,
    "findings": [],
    "findings_count": 0,
    "files": [],
    "base_ref": None,
    "progress": 100,
}


def make_handlers(document: object) -> tuple[object, object]:
    """A plain aiohttp JSON endpoint: ``web.json_response`` of the document, per request."""

    async def status(request: web.Request) -> web.Response:
        return web.json_response(document)

    async def accept(request: web.Request) -> web.Response:
        await request.json()
        return web.json_response(document, status=202)

    return status, accept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--body", help="JSON file whose document GET answers (default: a small status "
                        "body); the API bench passes the polled review's real body, so both answer "
                        "the same document")
    args = parser.parse_args()
    document = json.loads(open(args.body, "rb").read()) if args.body else BODY
    status, accept = make_handlers(document)
    app = web.Application()
    app.router.add_get("/status", status)
    app.router.add_post("/status", accept)
    app.router.add_get("/health/ready", status)
    web.run_app(app, host="127.0.0.1", port=args.port, access_log=None, print=None)


if __name__ == "__main__":
    main()
