"""Discount rules engine (legacy)."""


def discount(customer, cart, day, coupon, region, channel, tier, season):  # wfc-expect: maintainability low
    rate = 0
    if customer.vip:
        rate += 5
        if cart.total > 100:
            rate += 5
            if day in ("sat", "sun"):
                if coupon:
                    if coupon.startswith("X"):  # wfc-expect: maintainability low
                        rate += 10
    if region == "eu" and channel == "web":
        rate += 2
    elif region == "us" or channel == "app":
        rate += 1
    if tier == "gold":
        rate += 3
    elif tier == "silver":
        rate += 2
    elif tier == "bronze":
        rate += 1
    if season == "winter" and cart.total > 50:
        rate += 1
    elif season == "summer" and cart.total > 80:
        rate += 2
    if coupon and coupon.endswith("Y") and not customer.vip:
        rate += 4
    for item in cart.items:
        if item.clearance and rate < 20:
            rate += 1
    # TODO: move the magic numbers into config  # wfc-expect: maintainability info
    return min(rate, 40)
