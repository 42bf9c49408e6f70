import subprocess

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class ArchiveRequest(BaseModel):
    folder: str


@app.post("/archive")
def archive(req: ArchiveRequest) -> dict:
    target = f"/srv/archives/{req.folder}.tgz"
    subprocess.run(f"tar czf {target} /srv/data/{req.folder}", shell=True, check=True)
    return {"archive": target}
