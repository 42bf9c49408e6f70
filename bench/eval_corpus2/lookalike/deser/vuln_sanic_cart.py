"""Shopping cart restored from a cookie (Sanic)."""
import base64
import pickle

from sanic import Sanic
from sanic.response import json

app = Sanic("cart")


@app.get("/cart")
async def cart(request):
    blob = request.cookies.get("cart", "")
    items = pickle.loads(base64.b64decode(blob)) if blob else []
    return json({"items": items})
