import os
import uuid

from bottle import Bottle, request

app = Bottle()
AVATARS = "/var/app/avatars"


@app.post("/avatar")
def upload():
    upload = request.files.get("avatar")
    dest = os.path.join(AVATARS, uuid.uuid4().hex + ".png")
    with open(dest, "wb") as fh:
        fh.write(upload.file.read())
    return {"saved": os.path.basename(dest)}
