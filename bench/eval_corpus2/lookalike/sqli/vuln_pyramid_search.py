"""Product search view (Pyramid)."""
from pyramid.view import view_config


@view_config(route_name="search", renderer="json")
def search(request):
    term = request.params.get("q", "")
    sort = request.params.get("sort", "name")
    conn = request.registry.settings["db"].raw_connection()
    cur = conn.cursor()
    cur.execute(f"SELECT id, name FROM products WHERE name LIKE '%{term}%' ORDER BY {sort}")
    return {"items": cur.fetchall()}
