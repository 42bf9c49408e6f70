package com.example.pricing;

import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.List;

public class PriceCalculator {
    private static final SimpleDateFormat STAMP = new SimpleDateFormat("yyyy-MM-dd"); // wfc-expect: reliability medium
    private static final BigDecimal TAX = new BigDecimal(0.19); // wfc-expect: correctness medium

    public BigDecimal gross(BigDecimal net) {
        return net.add(net.multiply(TAX));
    }

    public String stamp(Date date) {
        return STAMP.format(date);
    }

    public void dropFree(List<Item> items) {
        for (Item item : items) { // wfc-expect: correctness medium
            if (item.getPrice().signum() == 0) {
                items.remove(item);
            }
        }
    }

    public boolean hasCoupon(String code) {
        return code.indexOf("SAVE") > 0; // wfc-expect: correctness medium
    }

    public Item lookup(Catalog catalog, String sku) {
        try {
            return catalog.find(sku);
        } catch (Exception e) { // wfc-expect: reliability medium
            return null;
        }
    }

    public void waitForSync(Thread worker) {
        try {
            worker.join(5000);
        } catch (InterruptedException e) { // wfc-expect: reliability medium
            System.err.println("interrupted");
        }
    }
}
