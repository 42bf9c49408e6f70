const knex = require("./knex");

async function listOrders(req, res) {
  const sort = req.query.sort || "created_at";
  const rows = await knex.raw(`SELECT id, total FROM orders ORDER BY ${sort} LIMIT 50`);
  res.json(rows);
}

module.exports = { listOrders };
