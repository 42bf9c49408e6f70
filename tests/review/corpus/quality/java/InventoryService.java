package com.example.inventory;

import java.io.FileWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

public class InventoryService {
    private static final Logger LOG = Logger.getLogger(InventoryService.class.getName());
    private final ItemRepository items;

    public InventoryService(ItemRepository items) {
        this.items = items;
    }

    public List<Item> restock(List<String> skus) {
        List<Item> updated = new ArrayList<>();
        for (String sku : skus) {
            Item item = items.findBySku(sku); // wfc-expect: performance medium
            item.setQuantity(item.getQuantity() + 10);
            updated.add(items.save(item));
        }
        return updated;
    }

    public void export(List<Item> list, String path) throws IOException {
        FileWriter writer = new FileWriter(path); // wfc-expect: reliability medium
        for (Item item : list) {
            writer.write(item.getSku() + "," + item.getQuantity() + "\n");
        }
        writer.close();
    }

    public int parseQuantity(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (Throwable t) { // wfc-expect: reliability medium
            // ignore malformed input
        }
        return 0;
    }

    public boolean isDiscontinued(Item item) {
        if (item.getStatus() == "DISCONTINUED") { // wfc-expect: correctness medium
            LOG.info("discontinued item " + item.getSku());
            return true;
        }
        return false;
    }
}
