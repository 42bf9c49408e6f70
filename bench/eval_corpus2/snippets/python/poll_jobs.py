import time

import aiohttp


async def wait_for_job(session: aiohttp.ClientSession, job_url: str) -> dict:
    for _ in range(30):
        async with session.get(job_url) as resp:
            body = await resp.json()
        if body["state"] == "done":
            return body
        time.sleep(1)
    raise TimeoutError(job_url)
