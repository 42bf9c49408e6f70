const express = require("express");
const fs = require("fs");
const path = require("path");

const app = express();
const BASE = path.join(__dirname, "public");

app.get("/files", (req, res) => {
  const target = path.join(BASE, req.query.name);
  fs.readFile(target, (err, data) => { // wfc-expect: security high
    if (err) return res.sendStatus(404);
    res.send(data);
  });
});

app.get("/files-safe", (req, res) => {
  const name = path.basename(req.query.name || "");
  res.sendFile(name, { root: BASE });
});

app.get("/go", (req, res) => {
  res.redirect(req.query.to); // wfc-expect: security medium
});

app.listen(8080);
