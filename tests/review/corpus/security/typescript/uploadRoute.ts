import express from "express";
import fs from "fs/promises";
import path from "path";

const router = express.Router();
const UPLOADS = "/var/app/uploads";

router.delete("/uploads/:name", async (req, res) => {
  await fs.unlink(path.join(UPLOADS, req.params.name)); // wfc-expect: security high
  res.sendStatus(204);
});

router.get("/uploads/:name", async (req, res) => {
  const resolved = path.resolve(UPLOADS, req.params.name);
  if (!resolved.startsWith(UPLOADS + path.sep)) {
    return res.sendStatus(400);
  }
  res.send(await fs.readFile(resolved));
});

export default router;
