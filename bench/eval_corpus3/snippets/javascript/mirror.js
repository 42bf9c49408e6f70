const { spawn } = require('child_process');

router.post('/mirror', (req, res) => {
  const git = spawn('git', ['clone', '--depth', '1', req.body.repo, '/srv/mirrors/tmp']);
  git.on('close', (code) => res.json({ code }));
});
