async function recordLogin(db, userId) {
  await db.query('INSERT INTO logins(user_id, at) VALUES ($1, now())', [userId]);
}

async function login(req, res, db) {
  const user = await db.users.findByEmail(req.body.email);
  if (!user) return res.status(401).end();
  recordLogin(db, user.id);
  res.json({ id: user.id });
}

module.exports = { login };
