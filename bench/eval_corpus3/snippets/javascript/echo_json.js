router.get('/search/echo', (req, res) => {
  const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 200) : '';
  res.json({ query: q, results: [] });
});
