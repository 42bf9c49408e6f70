const crypto = require("crypto");
const { pool } = require("./db");

const sessions = {};

async function loadSession(token) {
  if (sessions[token]) {
    return sessions[token];
  }
  const { rows } = await pool.query("SELECT * FROM sessions WHERE token = $1", [token]);
  sessions[token] = rows[0];
  return rows[0];
}

async function touchAll(tokens) {
  for (let i = 0; i < tokens.length; i++) {
    await pool.query("UPDATE sessions SET seen_at = now() WHERE token = $1", [tokens[i]]); // wfc-expect: performance medium
  }
}

function hashToken(token) {
  return crypto.createHash("sha256").update(token).digest("hex");
}

function revoke(token) {
  pool.query("DELETE FROM sessions WHERE token = $1", [token]).then(() => { // wfc-expect: reliability medium
    delete sessions[token];
  });
}

async function verify(token, expected) {
  try {
    const session = await loadSession(token);
    return session.hash == expected;
  } catch (err) {
  } // wfc-expect: reliability medium
}

module.exports = { loadSession, touchAll, hashToken, revoke, verify };
