import sqlite3

import falcon


class TicketResource:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path

    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        status = req.get_param("status", default="open")
        conn = sqlite3.connect(self.db_path)
        try:
            query = "SELECT id, title FROM tickets WHERE status = ?"
            rows = conn.execute(query, (status,)).fetchall()
        finally:
            conn.close()
        resp.media = [{"id": r[0], "title": r[1]} for r in rows]
