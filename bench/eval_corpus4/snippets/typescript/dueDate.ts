export function parseDue(value: string): Date {
  // value is "YYYY-MM-DD"
  const [year, month, day] = value.split("-").map(Number);
  return new Date(year, month, day);
}
