"""Background worker that resizes uploaded images."""
import logging
import os
import subprocess
from pathlib import Path

log = logging.getLogger(__name__)
UPLOAD_ROOT = Path("/srv/uploads")


def resize(image_id: int, width: int) -> Path:
    src = UPLOAD_ROOT / f"{image_id}.png"
    dst = UPLOAD_ROOT / f"{image_id}-{width}.png"
    subprocess.run(["convert", str(src), "-resize", f"{width}x", str(dst)], check=True, timeout=60)
    log.info("resized %s to %s", src, width)
    return dst


def cleanup(older_than_days: int = 7) -> int:
    removed = 0
    for entry in UPLOAD_ROOT.iterdir():
        if entry.stat().st_mtime < older_than_days * 86400:
            os.remove(entry)
            removed += 1
    return removed
