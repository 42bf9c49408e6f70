"""Product search view (Pyramid); sort column picked from a fixed map."""
from pyramid.view import view_config

SORTS = {"name": "name", "price": "price", "new": "created_at DESC"}


@view_config(route_name="search", renderer="json")
def search(request):
    term = request.params.get("q", "")
    order = SORTS.get(request.params.get("sort", "name"), "name")
    conn = request.registry.settings["db"].raw_connection()
    cur = conn.cursor()
    cur.execute(f"SELECT id, name FROM products WHERE name LIKE %s ORDER BY {order}", (f"%{term}%",))
    return {"items": cur.fetchall()}
