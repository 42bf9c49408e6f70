import { PrismaClient, Product } from "@prisma/client";

const prisma = new PrismaClient();

export async function productsWithStock(ids: number[]): Promise<Array<Product & { stock: number }>> {
  const out: Array<Product & { stock: number }> = [];
  for (const id of ids) {
    const product = await prisma.product.findUnique({ where: { id } }); // wfc-expect: performance medium
    if (product) {
      out.push({ ...product, stock: await stockFor(product.sku) });
    }
  }
  return out;
}

async function stockFor(sku: string): Promise<number> {
  try {
    const res = await fetch(`https://stock.internal/skus/${sku}`); // wfc-expect: reliability low
    return (await res.json()).available as number;
  } catch {} // wfc-expect: reliability medium
  return 0;
}

export function priceLabel(cents: number | undefined): string {
  if (cents === NaN) { // wfc-expect: correctness medium
    return "n/a";
  }
  return `$${((cents ?? 0) / 100).toFixed(2)}`;
}
