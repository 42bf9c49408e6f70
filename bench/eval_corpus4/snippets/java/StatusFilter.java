package accounts;

import java.util.ArrayList;
import java.util.List;

public class StatusFilter {
    public List<Account> active(List<Account> all) {
        List<Account> out = new ArrayList<>();
        for (Account a : all) {
            if (a.getStatus() == "ACTIVE") {
                out.add(a);
            }
        }
        return out;
    }
}
