const jwt = require("jsonwebtoken");

function issueToken(user) {
  return jwt.sign({ sub: user.id, role: user.role }, "pr0d-signing-key-9f8e7d6c", { expiresIn: "12h" });
}

module.exports = { issueToken };
