const { execFile } = require('child_process');
const os = require('os');
const path = require('path');

function thumbnail(uploadId, done) {
  if (!/^[a-f0-9]{32}$/.test(uploadId)) return done(new Error('bad id'));
  const input = path.join(os.tmpdir(), 'uploads', uploadId);
  const output = input + '.thumb.png';
  execFile('convert', [input, '-thumbnail', '128x128', output], (err) => done(err, output));
}

module.exports = thumbnail;
