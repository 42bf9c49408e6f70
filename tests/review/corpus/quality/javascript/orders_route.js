const express = require("express");
const fs = require("fs");
const db = require("../db");

const router = express.Router();

router.get("/orders/:customerId", async (req, res) => {
  const orders = await db.query("SELECT id FROM orders WHERE customer_id = $1", [req.params.customerId]);
  const result = [];
  for (const order of orders.rows) {
    const items = await db.query("SELECT * FROM order_items WHERE order_id = $1", [order.id]); // wfc-expect: performance medium
    result.push({ ...order, items: items.rows });
  }
  res.json(result);
});

router.get("/orders/:id/invoice", async (req, res) => {
  const template = fs.readFileSync("./templates/invoice.html", "utf8"); // wfc-expect: performance medium
  res.send(template.replace("{{id}}", req.params.id));
});

router.post("/orders/:id/notify", (req, res) => {
  fetch(`https://hooks.example.com/orders/${req.params.id}`, { method: "POST" }) // wfc-expect: reliability low
    .then((r) => r.json()); // wfc-expect: reliability medium
  res.status(202).end();
});

module.exports = router;
