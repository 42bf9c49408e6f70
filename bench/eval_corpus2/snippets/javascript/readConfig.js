const fs = require('fs');

function readConfig(path) {
  try {
    return JSON.parse(fs.readFileSync(path, 'utf8'));
  } catch (e) {}
  return {};
}

module.exports = { readConfig };
