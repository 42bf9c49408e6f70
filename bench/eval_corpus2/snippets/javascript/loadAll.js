async function loadProfiles(db, ids) {
  const out = [];
  for (const id of ids) {
    const row = await db.query('SELECT * FROM profiles WHERE id = $1', [id]);
    out.push(row.rows[0]);
  }
  return out;
}

module.exports = { loadProfiles };
