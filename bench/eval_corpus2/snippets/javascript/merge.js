function deepMerge(target, source) {
  for (const key in source) {
    if (typeof source[key] === 'object' && source[key] !== null) {
      if (!target[key]) target[key] = {};
      deepMerge(target[key], source[key]);
    } else {
      target[key] = source[key];
    }
  }
  return target;
}

module.exports = function applyPrefs(req, res) {
  const prefs = deepMerge({}, JSON.parse(req.body.prefs));
  res.json(prefs);
};
