const fs = require('fs');
const path = require('path');
const express = require('express');

const router = express.Router();
const SETTINGS = path.join(__dirname, 'settings.json');

router.get('/settings', (req, res) => {
  const raw = fs.readFileSync(SETTINGS, 'utf8');
  res.json(JSON.parse(raw));
});

module.exports = router;
