const cache = new Map<string, string>();

export async function lookup(key: string, load: (k: string) => Promise<string>): Promise<string> {
  const hit = cache.get(key);
  if (hit !== undefined) {
    return hit;
  }
  const value = await load(key);
  cache.set(key, value);
  return value;
}
