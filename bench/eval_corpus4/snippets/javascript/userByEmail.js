const pool = require('./pool');

async function userByEmail(req, res) {
  const sql = "SELECT id, name FROM users WHERE email = '" + req.query.email + "'";
  const { rows } = await pool.query(sql);
  res.json(rows[0] || null);
}

module.exports = { userByEmail };
