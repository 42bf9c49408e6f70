"""Link previews for chat messages (FastAPI + httpx)."""
import re

import httpx
from fastapi import FastAPI

app = FastAPI()
TITLE = re.compile(r"<title>(.*?)</title>", re.I | re.S)


async def fetch_title(url: str) -> str:
    async with httpx.AsyncClient(timeout=5, follow_redirects=True) as client:
        page = await client.get(url)
    match = TITLE.search(page.text)
    return match.group(1).strip() if match else url


@app.get("/preview")
async def preview(url: str) -> dict:
    return {"title": await fetch_title(url)}
