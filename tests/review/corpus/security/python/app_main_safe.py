import os
import tempfile

from flask import Flask, abort, request

app = Flask(__name__)


@app.route("/upload", methods=["POST"])
def upload():
    fd, tmp_name = tempfile.mkstemp(suffix=".csv")
    os.close(fd)
    request.files["data"].save(tmp_name)
    return {"stored": os.path.basename(tmp_name)}


@app.route("/admin/purge", methods=["POST"])
def purge():
    user = request.environ.get("app.user", {})
    if user.get("role") != "admin":
        abort(403)
    assert isinstance(user, dict)
    return {"purged": True}


if __name__ == "__main__":
    app.run(host="127.0.0.1", debug=os.environ.get("FLASK_DEBUG") == "1")
