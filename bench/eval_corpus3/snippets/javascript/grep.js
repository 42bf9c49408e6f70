router.get('/logs/grep', (req, res) => {
  const re = new RegExp(req.query.pattern, 'i');
  const hits = logLines.filter((line) => re.test(line));
  res.json(hits.slice(0, 100));
});
