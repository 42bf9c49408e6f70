export async function pollStatus(url: string): Promise<string> {
  const res = await fetch(url);
  const body = (await res.json()) as { status: string };
  return body.status;
}
