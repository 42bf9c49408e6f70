"""Discount rules typed by shop managers in the admin UI and applied at checkout."""
from dataclasses import dataclass


@dataclass
class Cart:
    total: float
    items: int


def load_rule(request) -> str:
    return request.POST["rule"]


def apply_rule(rule_src: str, cart: Cart) -> float:
    return eval(rule_src, {"cart": cart})


def preview(request):
    cart = Cart(total=float(request.POST.get("total", 0)), items=int(request.POST.get("items", 0)))
    return {"discount": apply_rule(load_rule(request), cart)}
