package orders;

import java.util.ArrayList;
import java.util.List;

public class OrderService {
    private final OrderRepository orders;
    private final CustomerRepository customers;

    public OrderService(OrderRepository orders, CustomerRepository customers) {
        this.orders = orders;
        this.customers = customers;
    }

    public List<OrderView> recent() {
        List<OrderView> out = new ArrayList<>();
        for (Order o : orders.findRecent(500)) {
            Customer c = customers.findById(o.getCustomerId());
            out.add(new OrderView(o, c.getName()));
        }
        return out;
    }
}
