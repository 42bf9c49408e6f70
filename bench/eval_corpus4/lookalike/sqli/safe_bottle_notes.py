import sqlite3

from bottle import Bottle, request

app = Bottle()
DB = "notes.db"
ORDERS = {"created": "created", "title": "title"}


@app.get("/notes")
def list_notes():
    owner = request.query.get("owner", "")
    order = ORDERS.get(request.query.get("order", "created"), "created")
    conn = sqlite3.connect(DB)
    try:
        cur = conn.execute(
            "SELECT id, title FROM notes WHERE owner = ? ORDER BY %s" % order, (owner,)
        )
        return {"notes": [dict(id=r[0], title=r[1]) for r in cur.fetchall()]}
    finally:
        conn.close()
