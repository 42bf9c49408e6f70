interface Profile {
  id: string;
  name: string;
}

const cache = new Map<string, Profile>();

export async function profile(id: string, load: (id: string) => Promise<Profile>): Promise<Profile> {
  const hit = cache.get(id);
  if (hit) {
    return hit;
  }
  const fresh = await load(id);
  cache.set(id, fresh);
  return fresh;
}
