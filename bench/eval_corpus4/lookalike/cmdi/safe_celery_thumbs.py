import subprocess

from celery import shared_task


@shared_task
def make_thumbnail(source: str, width: int) -> str:
    target = source.rsplit(".", 1)[0] + "_thumb.png"
    subprocess.run(
        ["convert", "--", source, "-resize", f"{int(width)}x", target],
        check=True,
    )
    return target
