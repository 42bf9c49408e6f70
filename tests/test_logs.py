"""The log line's processors: the same timestamps and redaction as structlog's own, cheaper."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

import orjson
import structlog

from wfc_server.logs import RedactingJSONRenderer, UtcTimestamp
from wfc_server.service.credentials import generate_api_key


def test_the_timestamp_has_structlogs_iso_utc_shape_and_the_current_time() -> None:
    stamp = UtcTimestamp()
    ours = stamp(None, "info", {})["timestamp"]
    theirs = structlog.processors.TimeStamper(fmt="iso", utc=True, key="timestamp")(None, "info", {})["timestamp"]
    shape = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$")
    assert shape.match(ours) and shape.match(theirs)
    parsed = datetime.fromisoformat(ours.replace("Z", "+00:00"))
    assert abs((datetime.fromisoformat(theirs.replace("Z", "+00:00")) - parsed).total_seconds()) < 1
    assert stamp(None, "info", {})["timestamp"] >= ours  # the cached second is reused, time moves on
    assert parsed.tzinfo == UTC


def test_a_line_without_secrets_is_rendered_as_is_and_one_with_a_key_is_redacted() -> None:
    render = RedactingJSONRenderer()
    plain = {"event": "http.request", "path": "/v1/reviews/x", "project_id": "wfc_sk_team", "status": 200}
    assert render(None, "info", dict(plain)) == orjson.dumps(plain)  # "wfc_sk_team" is no key
    key = generate_api_key()
    line = json.loads(render(None, "info", {"event": "http.request", "query": f"token={key}", "status": 200}))
    assert line == {"event": "http.request", "query": "token=[REDACTED]", "status": 200}
    assert key not in json.dumps(line)
