const express = require('express');
const router = express.Router();
router.post('/api/users/update', function (req, res) {
  connection.query('UPDATE users SET name = ? WHERE id = ?', [req.body.name, req.body.id], function (err) { res.send('ok'); });
});
router.get('/hello', (req, res) => {
  res.render('hello', { name: req.query.name });
});
router.get('/json', (req, res) => {
  res.json({ q: req.query.q });
});
router.get('/count', (req, res) => {
  const n = parseInt(req.query.n, 10);
  res.send(`<p>${n} items</p>`);
});
function show(el, msg) { el.textContent = msg; }
module.exports = router;
