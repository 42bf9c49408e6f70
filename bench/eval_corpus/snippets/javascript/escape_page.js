const express = require("express");
const escapeHtml = require("escape-html");
const router = express.Router();

router.get("/search", (req, res) => {
  const q = req.query.q || "";
  res.send(`<p>Results for ${escapeHtml(q)}</p>`);
});

module.exports = router;
