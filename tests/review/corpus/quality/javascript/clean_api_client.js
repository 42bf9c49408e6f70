"use strict";

const DEFAULT_TIMEOUT_MS = 8000;

class ApiError extends Error {
  constructor(status, body) {
    super(`API request failed with status ${status}`);
    this.status = status;
    this.body = body;
  }
}

async function request(baseUrl, path, { method = "GET", body, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    throw new ApiError(response.status, await response.text());
  }
  return response.status === 204 ? null : response.json();
}

async function fetchUsers(baseUrl, ids) {
  if (ids.length === 0) {
    return [];
  }
  const query = new URLSearchParams({ ids: ids.join(",") });
  return request(baseUrl, `/users?${query}`);
}

async function fetchAllPages(baseUrl, path) {
  const items = [];
  let next = path;
  while (next) {
    const page = await request(baseUrl, next);
    items.push(...page.items);
    next = page.next;
  }
  return items;
}

module.exports = { ApiError, request, fetchUsers, fetchAllPages };
