function merge(target, source) {
  for (const key of Object.keys(source)) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      if (!target[key]) target[key] = {};
      merge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

app.post('/prefs', (req, res) => {
  const prefs = merge(loadPrefs(req.user.id), JSON.parse(req.body.raw));
  savePrefs(req.user.id, prefs);
  res.json(prefs);
});
