const crypto = require("crypto");
const jwt = require("jsonwebtoken");

function hashPassword(password) {
  return crypto.createHash("md5").update(password).digest("hex"); // wfc-expect: security high
}

function newSessionToken() {
  return Math.random().toString(36).slice(2); // wfc-expect: security medium
}

function verifyToken(token, key) {
  return jwt.verify(token, key, { algorithms: ["HS256", "none"] }); // wfc-expect: security high
}

function etag(body) {
  return crypto.createHash("sha1").update(body).digest("hex");
}

module.exports = { hashPassword, newSessionToken, verifyToken, etag };
