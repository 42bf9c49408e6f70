"""Ledger API (aiohttp): entries of one account, optionally sorted."""
from aiohttp import web

routes = web.RouteTableDef()


class LedgerRepo:
    def __init__(self, pool):
        self.pool = pool

    async def entries(self, account: str, order: str):
        sql = "SELECT id, amount, booked_at FROM ledger WHERE account = '%s' ORDER BY %s" % (account, order)
        async with self.pool.acquire() as conn:
            return await conn.fetch(sql)


@routes.get("/ledger/{account}")
async def ledger(request: web.Request) -> web.Response:
    repo = LedgerRepo(request.app["pool"])
    rows = await repo.entries(request.match_info["account"], request.query.get("order", "booked_at"))
    return web.json_response([dict(r) for r in rows])
