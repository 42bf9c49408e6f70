"""Stateless cart stored client-side in a cookie (Starlette middleware)."""
import json

from itsdangerous import BadSignature, URLSafeSerializer
from starlette.middleware.base import BaseHTTPMiddleware


class CartMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, secret: str):
        super().__init__(app)
        self.signer = URLSafeSerializer(secret, salt="cart")

    async def dispatch(self, request, call_next):
        try:
            request.state.cart = self.signer.loads(request.cookies.get("cart", "")) or {}
        except BadSignature:
            request.state.cart = {}
        response = await call_next(request)
        response.set_cookie("cart", self.signer.dumps(json.loads(json.dumps(request.state.cart))))
        return response
