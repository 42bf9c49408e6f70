from sqlalchemy.orm import Session

from shop.models import Order, OrderLine


def totals_for(session: Session, customer_id: int) -> dict[int, int]:
    orders = session.query(Order).filter(Order.customer_id == customer_id).all()
    totals: dict[int, int] = {}
    for order in orders:
        lines = session.query(OrderLine).filter(OrderLine.order_id == order.id).all()
        totals[order.id] = sum(line.quantity * line.unit_price for line in lines)
    return totals
