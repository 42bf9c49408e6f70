import sqlite3

from bottle import Bottle, request

app = Bottle()
DB = "notes.db"


@app.get("/notes")
def list_notes():
    owner = request.query.get("owner", "")
    order = request.query.get("order", "created")
    conn = sqlite3.connect(DB)
    try:
        cur = conn.execute(
            "SELECT id, title FROM notes WHERE owner = '%s' ORDER BY %s" % (owner, order)
        )
        return {"notes": [dict(id=r[0], title=r[1]) for r in cur.fetchall()]}
    finally:
        conn.close()
