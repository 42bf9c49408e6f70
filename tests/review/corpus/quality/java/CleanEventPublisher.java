package com.example.events;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

public final class CleanEventPublisher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CleanEventPublisher.class.getName());
    private final List<EventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor;
    private final Duration shutdownGrace;

    public CleanEventPublisher(ExecutorService executor, Duration shutdownGrace) {
        this.executor = executor;
        this.shutdownGrace = shutdownGrace;
    }

    public void subscribe(EventListener listener) {
        listeners.add(listener);
    }

    public void publish(Event event) {
        for (EventListener listener : listeners) {
            executor.submit(() -> deliver(listener, event));
        }
    }

    private void deliver(EventListener listener, Event event) {
        try {
            listener.onEvent(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "listener failed for event " + event.id(), e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            throw e;
        }
    }
}
