"""Shopping cart restored from a signed cookie (Sanic), JSON only."""
import base64
import json as jsonlib

from itsdangerous import BadSignature, URLSafeSerializer
from sanic import Sanic
from sanic.response import json

app = Sanic("cart")
signer = URLSafeSerializer(app.config.get("SECRET", "unset"), salt="cart")


@app.get("/cart")
async def cart(request):
    blob = request.cookies.get("cart", "")
    try:
        items = signer.loads(blob) if blob else []
    except BadSignature:
        items = []
    return json({"items": items, "raw": jsonlib.dumps(base64.b64encode(b"x").decode())})
