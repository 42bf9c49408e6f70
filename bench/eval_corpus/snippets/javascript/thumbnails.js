const { exec } = require("child_process");
const express = require("express");
const router = express.Router();

router.post("/thumbnail", (req, res) => {
  const file = req.body.file;
  exec(`convert uploads/${file} -resize 128x128 thumbs/${file}`, (err) => {
    if (err) return res.status(500).json({ error: "conversion failed" });
    res.json({ ok: true });
  });
});

module.exports = router;
