const db = require('./db');

async function saveAll(items) {
  items.forEach(async (item) => {
    await db.save(item);
  });
  return { saved: items.length };
}

module.exports = { saveAll };
