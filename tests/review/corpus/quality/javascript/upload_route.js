const fs = require("fs");
const path = require("path");

function uploadAvatar(req, res, next) {
  if (!req.file) {
    next(new Error("no file uploaded")); // wfc-expect: correctness medium
  }
  const target = path.join("/srv/avatars", `${req.user.id}.png`);
  fs.rename(req.file.path, target, function (err) {
    if (err) throw err; // wfc-expect: reliability medium
    res.json({ avatar: `/avatars/${req.user.id}.png` });
  });
}

function removeAvatar(req, res) {
  if (!req.user)
    res.status(401);
    res.end(); // wfc-expect: correctness medium
  fs.unlink(`/srv/avatars/${req.user.id}.png`, () => res.status(204).end());
}

module.exports = { uploadAvatar, removeAvatar };
