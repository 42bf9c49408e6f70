"use strict";

function withRetry(fn, { attempts = 3, delayMs = 200 } = {}) {
  return async (...args) => {
    let lastError;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        return await fn(...args);
      } catch (err) {
        lastError = err;
        await new Promise((resolve) => setTimeout(resolve, delayMs * attempt));
      }
    }
    throw lastError;
  };
}

function loadAll(loaders) {
  return Promise.all(loaders.map((load) => load()))
    .then((values) => values.filter(Boolean))
    .catch((err) => {
      console.error("loading failed", err);
      return [];
    });
}

async function firstAvailable(urls, fetchJson) {
  for (const url of urls) {
    try {
      return await fetchJson(url);
    } catch (err) {
      console.warn(`skipping ${url}: ${err.message}`);
    }
  }
  return null;
}

module.exports = { withRetry, loadAll, firstAvailable };
