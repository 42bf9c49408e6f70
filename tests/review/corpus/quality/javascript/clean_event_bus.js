"use strict";

class EventBus {
  constructor(logger) {
    this.handlers = new Map();
    this.logger = logger;
  }

  on(event, handler) {
    const list = this.handlers.get(event) || [];
    list.push(handler);
    this.handlers.set(event, list);
    return () => this.off(event, handler);
  }

  off(event, handler) {
    const list = this.handlers.get(event) || [];
    this.handlers.set(event, list.filter((h) => h !== handler));
  }

  async emit(event, payload) {
    const list = this.handlers.get(event) || [];
    const results = await Promise.allSettled(list.map((h) => h(payload)));
    for (const result of results) {
      if (result.status === "rejected") {
        this.logger.error(`handler for ${event} failed`, result.reason);
      }
    }
    return results.length;
  }
}

function debounce(fn, waitMs) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), waitMs);
  };
}

module.exports = { EventBus, debounce };
