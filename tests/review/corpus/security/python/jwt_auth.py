import jwt
from flask import Flask, g, request

app = Flask(__name__)


@app.before_request
def load_user():
    token = request.headers.get("Authorization", "").removeprefix("Bearer ")
    claims = jwt.decode(token, options={"verify_signature": False})  # wfc-expect: security high
    g.user_id = claims.get("sub")
