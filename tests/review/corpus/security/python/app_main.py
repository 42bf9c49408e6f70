import tempfile

from flask import Flask, request

app = Flask(__name__)


@app.route("/upload", methods=["POST"])
def upload():
    tmp_name = tempfile.mktemp(suffix=".csv")  # wfc-expect: security medium
    request.files["data"].save(tmp_name)
    return {"stored": tmp_name}


def is_admin(user):
    return user.get("role") == "admin"


@app.route("/admin/purge", methods=["POST"])
def purge():
    user = request.environ.get("app.user", {})
    assert is_admin(user), "admin only"  # wfc-expect: security medium
    return {"purged": True}


if __name__ == "__main__":
    app.run(host="127.0.0.1", debug=True)  # wfc-expect: security medium
