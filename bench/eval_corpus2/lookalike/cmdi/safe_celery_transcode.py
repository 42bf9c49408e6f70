"""Celery task that transcodes an uploaded clip (argv list, no shell)."""
import os
import subprocess

from celery import shared_task

PRESETS = {"fast", "medium", "slow"}


@shared_task
def transcode(clip_name: str, preset: str) -> int:
    if preset not in PRESETS:
        raise ValueError(preset)
    src = os.path.join("/data/in", os.path.basename(clip_name))
    dst = os.path.join("/data/out", os.path.basename(clip_name) + ".mp4")
    return subprocess.run(["ffmpeg", "-y", "-i", src, "-preset", preset, dst], check=False).returncode
