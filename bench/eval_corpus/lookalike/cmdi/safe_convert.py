"""FastAPI endpoint converting uploaded documents with LibreOffice."""
import shlex
import subprocess

from fastapi import FastAPI, Query

app = FastAPI()
FORMATS = {"pdf", "docx", "odt"}


def run(cmd: str) -> str:
    return subprocess.check_output(cmd, shell=True, text=True, timeout=120)


@app.get("/convert")
def convert(name: str = Query(...), fmt: str = Query("pdf")) -> dict:
    if fmt not in FORMATS:
        fmt = "pdf"
    out = run("soffice --headless --convert-to " + fmt + " " + shlex.quote("/data/inbox/" + name))
    return {"log": out}
