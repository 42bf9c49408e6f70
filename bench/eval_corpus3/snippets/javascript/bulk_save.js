async function saveAll(req, res) {
  const items = req.body.items;
  items.forEach(async (item) => {
    await db.items.insert(item);
  });
  res.status(201).json({ saved: items.length });
}

module.exports = { saveAll };
