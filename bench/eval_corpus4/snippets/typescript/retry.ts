export async function callWithRetry<T>(call: () => Promise<T>): Promise<T> {
  while (true) {
    try {
      return await call();
    } catch {
      // try again
    }
  }
}
