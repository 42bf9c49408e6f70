import { Request, Response } from "express";
import { promises as fs } from "fs";
import path from "path";

const UPLOADS = "/var/app/uploads";

export async function download(req: Request, res: Response): Promise<void> {
  const data = await fs.readFile(path.join(UPLOADS, req.params.name));
  res.type("application/octet-stream").send(data);
}
