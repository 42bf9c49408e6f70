"use strict";

const fs = require("fs/promises");
const path = require("path");

const AVATAR_DIR = "/srv/avatars";

async function uploadAvatar(req, res, next) {
  if (!req.file) {
    return next(Object.assign(new Error("no file uploaded"), { status: 400 }));
  }
  const target = path.join(AVATAR_DIR, `${req.user.id}.png`);
  try {
    await fs.rename(req.file.path, target);
  } catch (err) {
    return next(err);
  }
  return res.json({ avatar: `/avatars/${req.user.id}.png` });
}

async function removeAvatar(req, res, next) {
  if (!req.user) {
    return res.status(401).end();
  }
  try {
    await fs.unlink(path.join(AVATAR_DIR, `${req.user.id}.png`));
  } catch (err) {
    if (err.code !== "ENOENT") {
      return next(err);
    }
  }
  return res.status(204).end();
}

module.exports = { uploadAvatar, removeAvatar };
