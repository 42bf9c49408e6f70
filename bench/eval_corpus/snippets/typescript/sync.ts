import { fetchRemote, saveLocal } from "./store";

export async function syncOnce(id: string): Promise<boolean> {
  try {
    const doc = await fetchRemote(id);
    await saveLocal(doc);
    return true;
  } catch (e) {
  }
  return false;
}
