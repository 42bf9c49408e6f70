function parseLimit(value, fallback) {
  const n = Number.parseInt(value, 10);
  if (Number.isNaN(n) || n < 1) {
    return fallback;
  }
  return Math.min(n, 500);
}

function parseJsonBody(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: err.message };
  }
}

module.exports = { parseLimit, parseJsonBody };
