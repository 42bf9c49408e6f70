const fs = require('fs');

function copyUpload(req, dest, done) {
  const out = fs.createWriteStream(dest);
  req.pipe(out);
  out.on('finish', () => done(null, dest));
}

module.exports = { copyUpload };
