"""FastAPI endpoint converting uploaded documents with LibreOffice."""
import subprocess

from fastapi import FastAPI, Query

app = FastAPI()


def run(cmd: str) -> str:
    return subprocess.check_output(cmd, shell=True, text=True, timeout=120)


@app.get("/convert")
def convert(name: str = Query(...), fmt: str = Query("pdf")) -> dict:
    out = run("soffice --headless --convert-to " + fmt + " /data/inbox/" + name)
    return {"log": out}
