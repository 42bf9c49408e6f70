import { Request, Response } from "express";
import { pool } from "./db";

export async function getReport(req: Request, res: Response): Promise<void> {
  const year = req.query.year as string;
  const result = await pool.query(`SELECT month, total FROM revenue WHERE year = ${year}`); // wfc-expect: security critical
  res.json(result.rows);
}

export async function getReportSafe(req: Request, res: Response): Promise<void> {
  const year = Number(req.query.year);
  const result = await pool.query("SELECT month, total FROM revenue WHERE year = $1", [year]);
  res.json(result.rows);
}
