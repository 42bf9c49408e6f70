import { Request, Response } from 'express';
import * as path from 'path';

const ROOT = '/var/app/files';

export function download(req: Request, res: Response): void {
  const file = path.join(ROOT, req.params.name);
  res.sendFile(file);
}
