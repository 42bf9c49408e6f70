const path = require('path');

router.get('/attachments', (req, res) => {
  const file = path.join(__dirname, 'uploads', req.query.name);
  res.sendFile(file);
});
