const express = require("express");
const mysql = require("mysql2");

const router = express.Router();
const pool = mysql.createPool({ host: "db", user: "app", database: "shop" });

router.get("/users/:id", (req, res) => {
  const sql = "SELECT id, name FROM users WHERE id = " + req.params.id;
  pool.query(sql, (err, rows) => { // wfc-expect: security critical
    if (err) return res.status(500).end();
    res.json(rows);
  });
});

router.get("/users", (req, res) => {
  pool.query("SELECT id, name FROM users WHERE team = ?", [req.query.team], (err, rows) => {
    if (err) return res.status(500).end();
    res.json(rows);
  });
});

router.get("/search", (req, res) => {
  const { q } = req.query;
  pool.query(`SELECT id FROM products WHERE name LIKE '%${q}%'`, (err, rows) => res.json(rows)); // wfc-expect: security critical
});

module.exports = router;
