const { exec } = require('child_process');

function exportReport(req, res) {
  const fmt = req.body.format;
  exec('report-tool --format ' + fmt + ' --out /tmp/report', (err, stdout) => {
    if (err) return res.status(500).end();
    res.send(stdout);
  });
}

module.exports = { exportReport };
