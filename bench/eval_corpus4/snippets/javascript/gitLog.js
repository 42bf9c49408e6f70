const { execFile } = require('child_process');
const { promisify } = require('util');

const run = promisify(execFile);

async function recentCommits(req, res) {
  const n = Math.min(Math.max(parseInt(req.query.n, 10) || 10, 1), 100);
  const { stdout } = await run('git', ['log', '--oneline', '-n', String(n)], { timeout: 5000 });
  res.type('text/plain').send(stdout);
}

module.exports = { recentCommits };
