import type { Request, Response } from 'express';

export async function linkPreview(req: Request, res: Response): Promise<void> {
  const target = req.query.url as string;
  const page = await fetch(target);
  const html = await page.text();
  const title = /<title>(.*?)<\/title>/i.exec(html)?.[1] ?? '';
  res.json({ title });
}
