from decimal import Decimal


def basket_total(prices: list[Decimal], discount: Decimal) -> Decimal:
    total = Decimal("0")
    for i in range(len(prices) - 1):
        total += prices[i]
    return total - discount
