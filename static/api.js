// HTTP client for the wfc-server /v1 API: adds the auth headers and turns every failure
// (HTTP error, network error, bad JSON) into an ApiError so callers never see a rejection
// they did not expect and the page never logs a console error.

/** An API or network failure with a user-readable message. */
export class ApiError extends Error {
  /**
   * @param {number} status HTTP status, 0 for a network failure
   * @param {string} code the API's `error` field (or a local code)
   * @param {string} detail the API's `detail` field
   * @param {{retryAfter?: number|null, requestId?: string|null}} [extra]
   */
  constructor(status, code, detail, extra = {}) {
    super(detail || code || `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.retryAfter = extra.retryAfter ?? null;
    this.requestId = extra.requestId ?? null;
  }
}

/** The most reviews the server returns in one `view=full` history page. */
const FULL_PAGE = 20;

const STATUS_TEXT = {
  0: "Cannot reach the server",
  400: "Bad request",
  401: "Not authorized: the project id or API key is wrong",
  403: "Forbidden: this key may not access that resource",
  404: "Not found",
  409: "Conflict",
  413: "Diff too large",
  422: "Invalid input",
  429: "Too many requests",
  500: "Server error",
  503: "Service unavailable: the server is busy or not ready",
};

/** Return the sentence shown to the user for an ApiError (or any other error). */
export function describeError(err) {
  if (!(err instanceof ApiError)) {
    return `Unexpected error: ${err && err.message ? err.message : String(err)}`;
  }
  const head = STATUS_TEXT[err.status] ?? `Request failed (HTTP ${err.status})`;
  // The retry time is stated once, from retry_after / Retry-After, not also from the detail.
  const detail = err.retryAfter != null && /retry/i.test(err.detail || "") ? "" : err.detail;
  let text = detail && detail !== head ? `${head}: ${detail}` : head;
  if (!/[.!?]$/.test(text)) text += ".";
  if (err.status === 429) text += ` Retry in ${formatSeconds(err.retryAfter ?? 1)}.`;
  else if (err.status === 503 && err.retryAfter != null) text += ` Retry in ${formatSeconds(err.retryAfter)}.`;
  if (err.requestId) text += ` (request ${err.requestId})`;
  return text;
}

function formatSeconds(secs) {
  const n = Number(secs);
  if (!Number.isFinite(n) || n <= 0) return "a moment";
  const rounded = n < 10 ? Math.ceil(n * 10) / 10 : Math.ceil(n);
  return `${rounded} s`;
}

function parseRetryAfter(body, headers) {
  if (body && body.retry_after != null && Number.isFinite(Number(body.retry_after))) {
    return Number(body.retry_after);
  }
  const header = headers.get("Retry-After");
  if (header == null) return null;
  const secs = Number(header);
  if (Number.isFinite(secs)) return secs;
  const when = Date.parse(header);
  return Number.isNaN(when) ? null : Math.max(0, (when - Date.now()) / 1000);
}

/**
 * Send a request; resolve with the parsed JSON body (or the text, when `asText`) or reject
 * with an ApiError.
 */
async function send(method, path, { body, headers = {}, asText = false, cache = "no-store" } = {}) {
  const init = { method, headers: { Accept: asText ? "text/plain, */*" : "application/json", ...headers },
    cache, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    throw new ApiError(0, "network_error", "the request did not complete; check the server is running");
  }
  const text = await response.text().catch(() => "");
  if (response.ok && asText) return text;
  let data = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!response.ok) {
    const requestId = (data && data.request_id) || response.headers.get("X-Request-ID");
    throw new ApiError(
      response.status,
      (data && data.error) || response.statusText,
      (data && typeof data.detail === "string" && data.detail) || "",
      { retryAfter: parseRetryAfter(data, response.headers), requestId },
    );
  }
  if (data === null) {
    throw new ApiError(response.status, "bad_response", "the server sent a response that is not JSON");
  }
  return data;
}

/**
 * Create a project (no credentials needed); resolves with {project_id, api_key, created_at}.
 * @param {{project_id: string, developer_id: string, repo_path?: string}} body
 */
export function createProject(body) {
  return send("POST", "/v1/projects/", { body });
}

/** A client bound to one project's credentials. */
export class ApiClient {
  /** @param {{projectId: string, apiKey: string}} creds */
  constructor(creds) {
    this.projectId = creds.projectId;
    this.apiKey = creds.apiKey;
  }

  get authHeaders() {
    return { "X-Project-ID": this.projectId, Authorization: `Bearer ${this.apiKey}` };
  }

  /** Send an authenticated request; resolve with the parsed JSON body or reject with an ApiError. */
  request(method, path, body) {
    return send(method, path, { body, headers: this.authHeaders });
  }

  /** The diff a review was submitted with (immutable, so the browser may cache it). */
  getDiff(id) {
    return send("GET", `/v1/reviews/${encodeURIComponent(id)}/diff`,
      { headers: this.authHeaders, asText: true, cache: "default" });
  }

  /** A completed review as a report (`sarif`, `codequality`, `rdjson`, `junit`, `markdown`), as text. */
  getReport(id, format) {
    return send("GET", `/v1/reviews/${encodeURIComponent(id)}/report?format=${encodeURIComponent(format)}`,
      { headers: this.authHeaders, asText: true, cache: "default" });
  }

  getPolicy() {
    return this.request("GET", `/v1/projects/${encodeURIComponent(this.projectId)}/policy`);
  }

  putPolicy(policy) {
    return this.request("PUT", `/v1/projects/${encodeURIComponent(this.projectId)}/policy`, policy);
  }

  /** One history page: summaries (finding counts per severity) unless `view` is "full". */
  listReviews({ limit = 20, offset = 0, status = "", view = "" } = {}) {
    const q = new URLSearchParams({ limit: String(limit), offset: String(offset) });
    if (status) q.set("status", status);
    if (view) q.set("view", view);
    return this.request("GET", `/v1/reviews/?${q}`);
  }

  /** Up to `count` reviews with every finding, newest first, in pages the server allows. */
  async listFullReviews({ count = 20, status = "" } = {}) {
    const reviews = [];
    while (reviews.length < count) {
      const limit = Math.min(FULL_PAGE, count - reviews.length);
      const page = await this.listReviews({ limit, offset: reviews.length, status, view: "full" });
      const got = Array.isArray(page.reviews) ? page.reviews : [];
      reviews.push(...got);
      if (got.length < limit || reviews.length >= (Number(page.total) || 0)) break;
    }
    return reviews;
  }

  getReview(id) {
    return this.request("GET", `/v1/reviews/${encodeURIComponent(id)}`);
  }

  submitReview(diffContent, files) {
    const body = { diff_content: diffContent };
    if (files && files.length) body.files = files;
    return this.request("POST", "/v1/reviews/", body);
  }

  cancelReview(id) {
    return this.request("DELETE", `/v1/reviews/${encodeURIComponent(id)}`);
  }

  /** The WebSocket URL of a review's event stream (auth travels in the query). */
  socketUrl(id, afterSeq) {
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    const q = new URLSearchParams({ project_id: this.projectId, token: this.apiKey });
    if (afterSeq != null) q.set("after", String(afterSeq));
    return `${scheme}//${location.host}/v1/reviews/${encodeURIComponent(id)}/ws?${q}`;
  }
}
