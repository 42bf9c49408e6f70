import type { Request, Response } from 'express';
import escapeHtml from 'escape-html';

export function hello(req: Request, res: Response): void {
  const name = typeof req.query.name === 'string' ? req.query.name : 'there';
  res.type('html').send(`<p>Hello, ${escapeHtml(name)}</p>`);
}
