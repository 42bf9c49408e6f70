package com.example.accounts;

import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

public class AccountService {
    private final AccountRepository repository;
    private final ReentrantLock lock = new ReentrantLock();
    private long balance;

    public AccountService(AccountRepository repository) {
        this.repository = repository;
    }

    public void deposit(long amount) {
        lock.lock(); // wfc-expect: reliability medium
        balance += amount;
        repository.saveBalance(balance);
        lock.unlock();
    }

    public long totalFor(List<Long> accountIds) {
        long total = 0;
        for (Long id : accountIds) {
            Account account = repository.findById(id).orElseThrow(); // wfc-expect: performance medium
            total += account.getBalance();
        }
        return total;
    }

    public boolean isAdmin(Account account) {
        return account.getRole() == "ADMIN"; // wfc-expect: correctness medium
    }

    public void archive(Account account) {
        try {
            repository.archive(account.getId());
        } catch (Exception e) { // wfc-expect: reliability medium
        }
    }
}
