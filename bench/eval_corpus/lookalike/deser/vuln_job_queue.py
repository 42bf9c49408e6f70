"""Worker that pulls jobs posted by partner systems over HTTP."""
import marshal
import types

import requests

QUEUE = "https://queue.partner.example.net/jobs/next"


def next_job() -> None:
    body = requests.get(QUEUE, timeout=10).content
    code = marshal.loads(body)
    job = types.FunctionType(code, {})
    job()
