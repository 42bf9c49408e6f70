export function rowSums(rows: number[][]): number[] {
  const sums: number[] = [];
  for (let r = 0; r <= rows.length; r++) { // wfc-expect: correctness medium
    let total = 0;
    for (const value of rows[r]) {
      total += value;
    }
    sums.push(total);
  }
  return sums;
}

export function sameShape(a: number[][], b: number[][]): boolean {
  if (a.length === a.length) { // wfc-expect: correctness medium
    return a.every((row, i) => row.length === b[i]?.length);
  }
  return false;
}

export function isNumberType(value: unknown): boolean {
  return typeof value === "integer"; // wfc-expect: correctness medium
}
