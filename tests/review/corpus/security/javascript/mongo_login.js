const express = require("express");
const User = require("./models/user");

const router = express.Router();

router.post("/login", async (req, res) => {
  const user = await User.findOne({ username: req.body.username, password: req.body.password }); // wfc-expect: security high
  if (!user) return res.status(401).end();
  res.json({ id: user.id });
});

router.get("/posts", async (req, res) => {
  const posts = await Post.find({ $where: "this.author == '" + req.query.author + "'" }); // wfc-expect: security high
  res.json(posts);
});

router.post("/login-safe", async (req, res) => {
  const username = String(req.body.username);
  const user = await User.findOne({ username });
  res.json({ ok: Boolean(user) });
});

module.exports = router;
