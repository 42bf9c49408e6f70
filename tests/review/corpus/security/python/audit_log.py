import logging

from flask import Flask, request

app = Flask(__name__)
logger = logging.getLogger("audit")


@app.route("/login", methods=["POST"])
def login():
    user = request.form.get("username", "")
    logger.warning("failed login for " + user)  # wfc-expect: security low
    clean = user.replace("\n", "").replace("\r", "")
    logger.info("login attempt for %s", clean)
    return {"ok": False}, 401
