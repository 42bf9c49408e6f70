import subprocess

from celery import shared_task


@shared_task
def make_thumbnail(source: str, width: int) -> str:
    target = source.rsplit(".", 1)[0] + "_thumb.png"
    subprocess.run(
        f"convert {source} -resize {width}x {target}",
        shell=True,
        check=True,
    )
    return target
