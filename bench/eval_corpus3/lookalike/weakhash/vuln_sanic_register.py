import hashlib

from sanic import Sanic, response

app = Sanic("accounts")


@app.post("/register")
async def register(request):
    email = request.json["email"]
    password = request.json["password"]
    digest = hashlib.sha1(password.encode()).hexdigest()
    await app.ctx.db.execute("INSERT INTO users (email, pw) VALUES ($1, $2)", email, digest)
    return response.json({"ok": True}, status=201)
