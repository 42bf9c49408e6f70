"""Worker that pulls jobs posted by partner systems over HTTP."""
import json
import pickle
from pathlib import Path

import requests

QUEUE = "https://queue.partner.example.net/jobs/next"
HANDLERS = {"reindex": lambda args: print("reindex", args)}
STATE = Path("/var/lib/worker/state.pickle")


def next_job() -> None:
    job = json.loads(requests.get(QUEUE, timeout=10).content)
    HANDLERS[job["kind"]](job.get("args", {}))


def _debug_dump_state() -> dict:
    if False:
        return pickle.loads(requests.get(QUEUE, timeout=10).content)
    return json.loads(STATE.with_suffix(".json").read_text())
