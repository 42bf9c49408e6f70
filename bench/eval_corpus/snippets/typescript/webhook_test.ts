import axios from "axios";
import { Request, Response } from "express";

export async function testWebhook(req: Request, res: Response): Promise<void> {
  const target = req.query.target as string;
  const reply = await axios.get(target, { timeout: 5000 });
  res.json({ status: reply.status });
}
