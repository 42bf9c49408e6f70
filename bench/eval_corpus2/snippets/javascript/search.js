const express = require('express');
const router = express.Router();

router.get('/items', async (req, res, next) => {
  try {
    const term = String(req.query.q || '');
    const rows = await req.db.query('SELECT id, title FROM items WHERE title ILIKE $1 LIMIT 50', [`%${term}%`]);
    res.json(rows.rows);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
