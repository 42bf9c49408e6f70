router.post('/calc', (req, res) => {
  const expr = String(req.body.expr || '0');
  const fn = new Function('return (' + expr + ');');
  res.json({ value: fn() });
});
