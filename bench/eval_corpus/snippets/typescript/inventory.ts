export interface StockItem {
  sku: string;
  quantity: number;
}

export class Inventory {
  private readonly items = new Map<string, StockItem>();

  add(sku: string, quantity: number): void {
    if (quantity <= 0) {
      throw new RangeError("quantity must be positive");
    }
    const current = this.items.get(sku)?.quantity ?? 0;
    this.items.set(sku, { sku, quantity: current + quantity });
  }

  remove(sku: string, quantity: number): boolean {
    const item = this.items.get(sku);
    if (!item || item.quantity < quantity) {
      return false;
    }
    item.quantity -= quantity;
    return true;
  }
}
