const { exec: run, execFile } = require('child_process');
const { evaluate } = require('mathjs');
const serialize = require('node-serialize');
const yaml = require('js-yaml');

function exportReport(req, res) {
  const fmt = req.body.format;
  run('report-tool --format ' + fmt, (err, stdout) => { // wfc-expect: security critical
    if (err) return res.status(500).end();
    return res.json({ out: stdout.length });
  });
}

function exportReportSafe(req, res) {
  execFile('report-tool', ['--format', String(req.body.format)], () => res.end());
}

function calc(req, res) {
  res.json({ value: evaluate(req.body.expr) }); // wfc-expect: security high
}

function restore(req, res) {
  const cart = serialize.unserialize(req.cookies.cart); // wfc-expect: security critical
  res.json(cart);
}

function settings(req, res) {
  res.json(yaml.load(req.body.doc, { schema: yaml.JSON_SCHEMA }));
}

module.exports = { exportReport, exportReportSafe, calc, restore, settings };
