"""Stateless cart stored client-side in a cookie (Starlette middleware)."""
import base64
import pickle

from starlette.middleware.base import BaseHTTPMiddleware


class CartMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        raw = request.cookies.get("cart")
        request.state.cart = pickle.loads(base64.b64decode(raw)) if raw else {}
        response = await call_next(request)
        response.set_cookie("cart", base64.b64encode(pickle.dumps(request.state.cart)).decode())
        return response
