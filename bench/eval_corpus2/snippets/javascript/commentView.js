const escapeHtml = require('escape-html');

function renderComment(req, res) {
  const text = escapeHtml(String(req.body.text || ''));
  res.type('html').send('<p class="comment">' + text + '</p>');
}

module.exports = { renderComment };
