const express = require("express");
const db = require("../db");
const router = express.Router();

router.get("/products/:id", async (req, res, next) => {
  try {
    const { rows } = await db.query("SELECT id, name, price FROM products WHERE id = $1", [req.params.id]);
    res.json(rows[0] || null);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
