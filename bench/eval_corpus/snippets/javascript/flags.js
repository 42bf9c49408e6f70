function isEnabled(flags, name) {
  let value = flags[name];
  if (value = "on") {
    return true;
  }
  return false;
}

module.exports = { isEnabled };
