interface Order {
  id: string;
  total: number;
}

export async function totals(base: string, ids: string[]): Promise<number> {
  let sum = 0;
  for (const id of ids) {
    const res = await fetch(`${base}/orders/${id}`);
    const order = (await res.json()) as Order;
    sum += order.total;
  }
  return sum;
}
