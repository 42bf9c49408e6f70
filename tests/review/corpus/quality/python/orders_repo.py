"""Order lookups for the admin dashboard (Django ORM)."""

from django.db import models


class Customer(models.Model):
    name = models.CharField(max_length=200)


class Order(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    total = models.DecimalField(max_digits=10, decimal_places=2)


def order_summaries(order_ids: list[int]) -> list[dict]:
    summaries = []
    for order_id in order_ids:
        order = Order.objects.get(pk=order_id)  # wfc-expect: performance medium
        summaries.append({"id": order.id, "total": str(order.total)})
    return summaries


def customer_names(orders) -> list[str]:
    return [Customer.objects.filter(pk=o.customer_id).first().name for o in orders]  # wfc-expect: performance medium
