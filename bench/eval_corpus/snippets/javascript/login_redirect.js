const express = require("express");
const router = express.Router();

router.post("/login", async (req, res) => {
  const ok = await req.app.locals.auth.check(req.body.user, req.body.password);
  if (!ok) return res.status(401).send("invalid credentials");
  req.session.user = req.body.user;
  res.redirect(req.query.next || "/");
});

module.exports = router;
