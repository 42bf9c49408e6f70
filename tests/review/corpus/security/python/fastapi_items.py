import subprocess

from fastapi import Depends, FastAPI, HTTPException
from sqlalchemy import text
from sqlalchemy.orm import Session

from .db import get_session

app = FastAPI()


@app.get("/items/{item_id}")
def read_item(item_id: str, db: Session = Depends(get_session)):
    row = db.execute(text(f"SELECT * FROM items WHERE id = '{item_id}'")).first()  # wfc-expect: security critical
    if row is None:
        raise HTTPException(status_code=404)
    return dict(row._mapping)


@app.get("/items/{item_id}/safe")
def read_item_safe(item_id: int, db: Session = Depends(get_session)):
    row = db.execute(text("SELECT * FROM items WHERE id = :id"), {"id": item_id}).first()
    return dict(row._mapping) if row else {}


@app.post("/thumbnails")
def thumbnail(path: str):
    subprocess.run(f"convert {path} -resize 64x64 /tmp/thumb.png", shell=True, check=True)  # wfc-expect: security critical
    return {"ok": True}
