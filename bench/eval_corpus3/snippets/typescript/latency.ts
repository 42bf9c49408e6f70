export function p99(latenciesMs: number[]): number {
  if (latenciesMs.length === 0) return 0;
  const sorted = latenciesMs.sort();
  return sorted[Math.floor(sorted.length * 0.99)];
}
