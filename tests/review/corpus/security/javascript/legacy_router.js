const express = require('express');
const router = express.Router();
router.post('/api/users/update', function (req, res) {
  var userId = req.body.id;
  var query = "UPDATE users SET name = '" + req.body.name + "' WHERE id = " + userId;
  connection.query(query, function (err) { res.send('ok'); }); // wfc-expect: security critical
});
router.get('/exec', async (req, res) => {
  const out = require('child_process').execSync('ls ' + req.query.dir); // wfc-expect: security critical
  res.send(out.toString());
});
router.get('/hello', (req, res) => {
  res.send(`<html><body>Hello ${req.query.name}</body></html>`); // wfc-expect: security high
});
router.get('/read', (req, res) => {
  const file = req.query.file;
  res.sendFile(__dirname + '/uploads/' + file); // wfc-expect: security high
});
module.exports = router;
