const axios = require("axios");
const express = require("express");

const app = express();
const ALLOWED = new Set(["api.github.com", "status.example.com"]);

app.get("/proxy", async (req, res) => {
  const url = req.query.url;
  const response = await axios.get(url); // wfc-expect: security high
  res.json(response.data);
});

app.get("/proxy-safe", async (req, res) => {
  const target = new URL(req.query.url);
  if (!ALLOWED.has(target.hostname)) {
    return res.status(400).send("host not allowed");
  }
  const response = await axios.get(target.toString());
  res.json(response.data);
});

module.exports = app;
