def order_lines(session, Order, Line):
    report = []
    for order in session.query(Order).all():
        lines = session.query(Line).filter(Line.order_id == order.id).all()
        report.append((order.id, sum(l.amount for l in lines)))
    return report
