const express = require('express');
const router = express.Router();

router.get('/greet', (req, res) => {
  const who = req.query.name || 'guest';
  res.send(`<h1>Hello ${who}</h1>`);
});

module.exports = router;
