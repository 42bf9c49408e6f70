const MAP = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (ch) => MAP[ch]);
}

function renderGreeting(name) {
  return `<p>Hello, ${escapeHtml(name)}</p>`;
}

module.exports = { escapeHtml, renderGreeting };
