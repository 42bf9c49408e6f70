package com.example.limits;

import java.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

public final class CleanRateLimiter {
    private final ReentrantLock lock = new ReentrantLock();
    private final Clock clock;
    private final double ratePerSecond;
    private final double capacity;
    private double tokens;
    private long lastRefillNanos;

    public CleanRateLimiter(Clock clock, double ratePerSecond, double capacity) {
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.capacity = capacity;
        this.tokens = capacity;
        this.lastRefillNanos = System.nanoTime();
    }

    public boolean tryAcquire() {
        lock.lock();
        try {
            refill();
            if (tokens >= 1.0) {
                tokens -= 1.0;
                return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void refill() {
        long now = System.nanoTime();
        double elapsed = (now - lastRefillNanos) / 1_000_000_000.0;
        tokens = Math.min(capacity, tokens + elapsed * ratePerSecond);
        lastRefillNanos = now;
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("rate=").append(ratePerSecond).append(" capacity=").append(capacity);
        return "OK".equals(clock.getZone().getId()) ? sb.toString() : sb.append(" zone=").append(clock.getZone()).toString();
    }
}
