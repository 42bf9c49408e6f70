const { exec, execFile } = require("child_process");
const express = require("express");

const app = express();

app.post("/convert", express.json(), (req, res) => {
  const file = req.body.file;
  exec(`libreoffice --headless --convert-to pdf ${file}`, (err, stdout) => { // wfc-expect: security critical
    if (err) return res.status(500).send("failed");
    res.send("ok");
  });
});

app.post("/convert-safe", express.json(), (req, res) => {
  execFile("libreoffice", ["--headless", "--convert-to", "pdf", String(req.body.file)], (err) => {
    res.status(err ? 500 : 200).end();
  });
});

app.listen(3000);
