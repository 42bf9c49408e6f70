function attach(app, monitor) {
  app.get('/watch/:id', (req, res) => {
    setInterval(() => {
      monitor.ping(req.params.id);
    }, 1000);
    res.json({ watching: req.params.id });
  });
}

module.exports = { attach };
