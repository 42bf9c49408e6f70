const express = require("express");
const db = require("../db");
const router = express.Router();

router.get("/items/:id", async (req, res, next) => {
  try {
    const rows = await db.query("SELECT * FROM items WHERE id = " + req.params.id);
    res.json(rows[0] || null);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
