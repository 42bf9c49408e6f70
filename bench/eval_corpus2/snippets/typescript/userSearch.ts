import { Request, Response } from 'express';
import { getConnection } from './db';

export async function search(req: Request, res: Response): Promise<void> {
  const term = req.query.q as string;
  const rows = await getConnection().query(`SELECT id, name FROM users WHERE name LIKE '%${term}%'`);
  res.json(rows);
}
