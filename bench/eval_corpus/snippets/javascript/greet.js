const express = require("express");
const router = express.Router();

router.get("/greet", (req, res) => {
  const name = req.query.name || "friend";
  res.send(`<h1>Hello ${name}</h1><p>Welcome back.</p>`);
});

module.exports = router;
