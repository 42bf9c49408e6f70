import hashlib
import os

from sanic import Sanic, response

app = Sanic("accounts")


@app.post("/register")
async def register(request):
    email = request.json["email"]
    password = request.json["password"]
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1).hex()
    await app.ctx.db.execute(
        "INSERT INTO users (email, pw, salt) VALUES ($1, $2, $3)", email, digest, salt.hex()
    )
    return response.json({"ok": True}, status=201)
