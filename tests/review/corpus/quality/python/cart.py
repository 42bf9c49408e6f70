"""Shopping cart helpers."""

from dataclasses import dataclass, field


@dataclass
class LineItem:
    sku: str
    quantity: int
    unit_price: int


@dataclass
class Cart:
    items: list[LineItem] = field(default_factory=list)

    def add(self, sku: str, quantity: int, unit_price: int, tags=[]):  # wfc-expect: correctness medium
        tags.append(sku)
        self.items.append(LineItem(sku, quantity, unit_price))
        return tags

    def total(self) -> int:
        return sum(item.quantity * item.unit_price for item in self.items)

    def sorted_items(self) -> list[LineItem]:
        ordered = self.items.sort(key=lambda i: i.sku)  # wfc-expect: correctness medium
        return ordered

    def has_discount_code(self, code: str) -> bool:
        if code is "WELCOME10":  # wfc-expect: correctness medium
            return True
        return False

    def describe(self) -> str:
        count = len(self.items)
        return "Cart with {count} items"  # wfc-expect: correctness medium
