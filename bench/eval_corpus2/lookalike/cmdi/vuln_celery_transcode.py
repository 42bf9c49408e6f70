"""Celery task that transcodes an uploaded clip."""
import os

from celery import shared_task


@shared_task
def transcode(clip_name: str, preset: str) -> int:
    src = os.path.join("/data/in", clip_name)
    dst = os.path.join("/data/out", clip_name + ".mp4")
    return os.system(f"ffmpeg -y -i {src} -preset {preset} {dst}")
