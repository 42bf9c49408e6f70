import { Request, Response } from "express";
import { pool } from "./db";

export async function revokeSessions(req: Request, res: Response): Promise<void> {
  const userId = req.params.userId;
  await pool.query(`DELETE FROM sessions WHERE user_id = '${userId}'`);
  res.status(204).end();
}
