"use strict";

class LruCache {
  constructor(limit = 500) {
    if (!Number.isInteger(limit) || limit <= 0) {
      throw new RangeError("limit must be a positive integer");
    }
    this.limit = limit;
    this.map = new Map();
  }

  get(key) {
    if (!this.map.has(key)) {
      return undefined;
    }
    const value = this.map.get(key);
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key, value) {
    if (this.map.has(key)) {
      this.map.delete(key);
    } else if (this.map.size >= this.limit) {
      const oldest = this.map.keys().next().value;
      this.map.delete(oldest);
    }
    this.map.set(key, value);
    return this;
  }

  get size() {
    return this.map.size;
  }
}

function memoize(fn, { limit = 500, key = (...args) => JSON.stringify(args) } = {}) {
  const cache = new LruCache(limit);
  return (...args) => {
    const k = key(...args);
    const hit = cache.get(k);
    if (hit !== undefined) {
      return hit;
    }
    const value = fn(...args);
    cache.set(k, value);
    return value;
  };
}

module.exports = { LruCache, memoize };
