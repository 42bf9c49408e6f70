from flask import Blueprint, g, jsonify, request

bp = Blueprint("catalog", __name__)


def build_filters(args) -> str:
    parts = ["deleted = 0"]
    if args.get("brand"):
        parts.append(f"brand = '{args['brand']}'")
    if args.get("max_price"):
        parts.append("price <= " + args["max_price"])
    return " AND ".join(parts)


@bp.get("/catalog")
def catalog():
    where = build_filters(request.args)
    rows = g.db.execute("SELECT id, name, price FROM products WHERE " + where).fetchall()
    return jsonify([dict(r) for r in rows])
