"""Ledger API (aiohttp): entries of one account, optionally sorted."""
from aiohttp import web

routes = web.RouteTableDef()
ORDERS = {"date": "booked_at", "amount": "amount"}


class LedgerRepo:
    def __init__(self, pool):
        self.pool = pool

    async def entries(self, account: str, order: str):
        column = ORDERS.get(order, "booked_at")
        sql = "SELECT id, amount, booked_at FROM ledger WHERE account = $1 ORDER BY %s" % column
        async with self.pool.acquire() as conn:
            return await conn.fetch(sql, account)


@routes.get("/ledger/{account}")
async def ledger(request: web.Request) -> web.Response:
    repo = LedgerRepo(request.app["pool"])
    rows = await repo.entries(request.match_info["account"], request.query.get("order", "date"))
    return web.json_response([dict(r) for r in rows])
