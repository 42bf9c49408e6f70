export async function flushMetrics(client: { send(b: string): Promise<void> }, batch: string[]): Promise<number> {
  let sent = 0;
  for (const line of batch) {
    try {
      await client.send(line);
      sent++;
    } catch {}
  }
  return sent;
}
