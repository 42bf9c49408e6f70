import { Request, Response } from "express";

export function evaluate(req: Request, res: Response): void {
  const expr = String(req.body.expression);
  const result = new Function(`return (${expr});`)();
  res.json({ result });
}
