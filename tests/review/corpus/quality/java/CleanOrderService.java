package com.example.orders;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

public class CleanOrderService {
    private final OrderRepository orders;
    private final CustomerRepository customers;

    public CleanOrderService(OrderRepository orders, CustomerRepository customers) {
        this.orders = Objects.requireNonNull(orders);
        this.customers = Objects.requireNonNull(customers);
    }

    public Map<Long, BigDecimal> totalsByCustomer(List<Long> customerIds) {
        Map<Long, Customer> byId = customers.findAllById(customerIds).stream()
                .collect(Collectors.toMap(Customer::getId, Function.identity()));
        return orders.findByCustomerIdIn(byId.keySet()).stream()
                .collect(Collectors.groupingBy(Order::getCustomerId,
                        Collectors.reducing(BigDecimal.ZERO, Order::getTotal, BigDecimal::add)));
    }

    public boolean isPriority(Order order) {
        return "PRIORITY".equals(order.getTier()) || order.getTotal().compareTo(BigDecimal.valueOf(1000)) > 0;
    }
}
