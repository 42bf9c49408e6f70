import os

from bottle import Bottle, request

app = Bottle()
AVATARS = "/var/app/avatars"


@app.post("/avatar")
def upload():
    upload = request.files.get("avatar")
    dest = os.path.join(AVATARS, upload.raw_filename)
    with open(dest, "wb") as fh:
        fh.write(upload.file.read())
    return {"saved": dest}
