"""Discount rules typed by shop managers in the admin UI and applied at checkout."""
import ast
import operator
from dataclasses import dataclass

OPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}


@dataclass
class Cart:
    total: float
    items: int


def _eval(node, cart: Cart) -> float:
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)):
        return float(node.value)
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "cart":
        return float(getattr(cart, node.attr))
    if isinstance(node, ast.BinOp) and type(node.op) in OPS:
        return OPS[type(node.op)](_eval(node.left, cart), _eval(node.right, cart))
    raise ValueError("unsupported expression")


def apply_rule(rule_src: str, cart: Cart) -> float:
    return _eval(ast.parse(rule_src, mode="eval").body, cart)


def preview(request):
    cart = Cart(total=float(request.POST.get("total", 0)), items=int(request.POST.get("items", 0)))
    return {"discount": apply_rule(request.POST["rule"], cart)}
