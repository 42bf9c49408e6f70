import base64
import json

from quart import Quart, request

app = Quart(__name__)


@app.post("/cart/restore")
async def restore_cart():
    blob = (await request.form)["cart"]
    cart = json.loads(base64.b64decode(blob))
    return {"items": len(cart)}
