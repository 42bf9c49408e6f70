import express from "express";
import _ from "lodash";

const app = express();
app.use(express.json());

const defaults = { theme: "light", notifications: true };

app.post("/settings", (req, res) => {
  const settings = _.merge({}, defaults, req.body); // wfc-expect: security high
  res.json(settings);
});

app.get("/debug/eval", (req, res) => {
  const fn = new Function("x", req.query.body as string); // wfc-expect: security critical
  res.json({ result: fn(1) });
});
