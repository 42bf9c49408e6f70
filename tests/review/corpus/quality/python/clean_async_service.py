"""Async file export service: blocking work is pushed to threads."""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path

import aiofiles

log = logging.getLogger(__name__)


async def read_manifest(path: Path) -> dict:
    async with aiofiles.open(path, encoding="utf-8") as fh:
        return json.loads(await fh.read())


def _compress(data: bytes) -> bytes:
    import zlib

    return zlib.compress(data, 6)


async def export(path: Path, out_dir: Path) -> Path:
    manifest = await read_manifest(path)
    blob = json.dumps(manifest, sort_keys=True).encode()
    packed = await asyncio.to_thread(_compress, blob)
    target = out_dir / f"{path.stem}.json.z"
    async with aiofiles.open(target, "wb") as fh:
        await fh.write(packed)
    return target


async def export_all(paths: list[Path], out_dir: Path) -> list[Path]:
    results = await asyncio.gather(*(export(p, out_dir) for p in paths), return_exceptions=True)
    done: list[Path] = []
    for path, result in zip(paths, results):
        if isinstance(result, Exception):
            log.error("export of %s failed: %s", path, result)
            continue
        done.append(result)
    return done


async def run_tool(*argv: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    try:
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=30)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        raise
    return out.decode()
