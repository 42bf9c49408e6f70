import { Request, Response } from 'express';
import * as crypto from 'crypto';
export function login(req: Request, res: Response) {
  const hash = crypto.createHash('sha1').update(req.body.password).digest('hex'); // wfc-expect: security high
  db.users.findOne({ username: req.body.username, passwordHash: hash });
}
export function reset(req: Request, res: Response) {
  const token = Math.random().toString(36).substring(2); // wfc-expect: security medium
  sendResetEmail(req.body.email, token);
}
export async function proxy(req: Request, res: Response) {
  const response = await fetch(req.query.target as string); // wfc-expect: security high
  res.send(await response.text());
}
