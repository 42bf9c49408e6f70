const db = require("./db");

async function importAll(records) {
  records.forEach(async (record) => {
    await db.insert("contacts", record);
  });
  return { imported: records.length };
}

module.exports = { importAll };
