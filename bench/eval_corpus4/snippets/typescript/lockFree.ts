let inFlight = 0;
const MAX = 4;

export async function limited<T>(task: () => Promise<T>): Promise<T | undefined> {
  if (inFlight >= MAX) {
    return undefined;
  }
  inFlight++;
  const result = await task();
  inFlight--;
  return result;
}
