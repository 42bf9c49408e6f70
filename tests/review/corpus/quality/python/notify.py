"""Send notifications to chat webhooks."""

import asyncio
import urllib.request


async def post_message(session, url: str, text: str) -> None:
    async with session.post(url, json={"text": text}) as resp:
        resp.raise_for_status()


async def broadcast(session, urls: list[str], text: str) -> None:
    for url in urls:
        post_message(session, url, text)  # wfc-expect: correctness high
    asyncio.sleep(0.1)  # wfc-expect: correctness high


def legacy_notify(url: str, body: bytes) -> int:
    req = urllib.request.Request(url, data=body, method="POST")
    with urllib.request.urlopen(req) as resp:  # wfc-expect: reliability medium
        return resp.status


def status_label(code: int) -> str:
    label = "ok" if code < 400 else "error"
    if code == code:  # wfc-expect: correctness medium
        return label
    return lable  # wfc-expect: correctness high
