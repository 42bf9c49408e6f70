// Follows one review's event stream: a WebSocket that resumes with ?after=SEQ when it drops
// unexpectedly (exponential backoff, bounded attempts), then falls back to polling GET so the
// view always reaches the review's final state.
import { ApiError } from "./api.js";
import { TERMINAL } from "./dom.js";

const MAX_RECONNECTS = 5;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 8000;
const POLL_MS = 2000;
const TERMINAL_EVENTS = new Set(["completed", "failed", "cancelled"]);

export class ReviewStream {
  /**
   * @param {import("./api.js").ApiClient} client
   * @param {string} reviewId
   * @param {{
   *   onEvent: (event: object) => void,
   *   onReview: (review: object) => void,
   *   onConnection: (state: string) => void,
   *   onError: (err: unknown) => void,
   * }} handlers
   */
  constructor(client, reviewId, handlers) {
    this.client = client;
    this.reviewId = reviewId;
    this.handlers = handlers;
    this.lastSeq = null;
    this.attempts = 0;
    this.socket = null;
    this.timer = null;
    this.stopped = false;
    this.finished = false;
  }

  start() {
    if (typeof WebSocket === "undefined") {
      this.poll();
      return;
    }
    this.connect();
  }

  /** Stop following; safe to call more than once. */
  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = null;
    const ws = this.socket;
    this.socket = null;
    if (!ws) return;
    // Closing a socket that is still connecting makes Chromium log an error; close on open.
    if (ws.readyState === WebSocket.CONNECTING) {
      ws.addEventListener("open", () => ws.close(1000, "view closed"));
    } else if (ws.readyState === WebSocket.OPEN) {
      ws.close(1000, "view closed");
    }
  }

  connect() {
    if (this.stopped) return;
    let ws;
    try {
      // after=0 on the first connect replays the events sent before the socket opened.
      ws = new WebSocket(this.client.socketUrl(this.reviewId, this.lastSeq ?? 0));
    } catch (err) {
      this.scheduleReconnect();
      return;
    }
    this.socket = ws;
    this.handlers.onConnection(this.attempts ? "reconnecting…" : "connecting…");
    ws.addEventListener("open", () => {
      if (this.socket === ws && !this.stopped) this.handlers.onConnection("live");
    });
    let received = false;
    ws.addEventListener("message", (msg) => {
      if (this.socket !== ws || this.stopped) return;
      received = true;
      this.handleMessage(msg.data);
    });
    ws.addEventListener("close", () => {
      if (this.socket !== ws || this.stopped) return;
      this.socket = null;
      if (this.finished) {
        this.handlers.onConnection("");
      } else if (!received) {
        this.probe(); // refused before the first frame: find out why over HTTP
      } else {
        this.scheduleReconnect();
      }
    });
  }

  /** One GET after a refused upgrade: a 401/403/404 ends the stream instead of retrying. */
  async probe() {
    try {
      const review = await this.client.getReview(this.reviewId);
      if (this.stopped) return;
      this.handlers.onReview(review);
      if (TERMINAL.has(review.status)) {
        this.finished = true;
        this.handlers.onConnection("");
        return;
      }
    } catch (err) {
      if (this.stopped) return;
      if (err instanceof ApiError && [401, 403, 404].includes(err.status)) {
        this.handlers.onError(err);
        this.handlers.onConnection("");
        return;
      }
    }
    this.scheduleReconnect();
  }

  handleMessage(raw) {
    let event;
    try {
      event = JSON.parse(raw);
    } catch {
      return; // not an event; ignore rather than break the view
    }
    if (!event || typeof event !== "object") return;
    const seq = Number.isInteger(event.seq) ? event.seq : null;
    if (event.type !== "snapshot" && seq !== null && this.lastSeq !== null && seq <= this.lastSeq) {
      return; // replayed after a reconnect; already applied
    }
    // A snapshot only seeds the cursor: on a resume its seq may be ahead of the replayed events.
    if (seq !== null && (this.lastSeq === null || event.type !== "snapshot")) {
      this.lastSeq = this.lastSeq === null ? seq : Math.max(this.lastSeq, seq);
    }
    this.attempts = 0;
    if (TERMINAL_EVENTS.has(event.type) || (event.type === "snapshot" && TERMINAL.has(event.status))) {
      this.finished = true;
    }
    this.handlers.onEvent(event);
  }

  scheduleReconnect() {
    if (this.stopped || this.finished) return;
    this.attempts += 1;
    if (this.attempts > MAX_RECONNECTS) {
      this.handlers.onConnection("live updates lost; polling");
      this.poll();
      return;
    }
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (this.attempts - 1));
    this.handlers.onConnection(`connection lost; retrying (${this.attempts}/${MAX_RECONNECTS})`);
    this.timer = setTimeout(() => this.connect(), delay + Math.floor(Math.random() * 200));
  }

  async poll() {
    if (this.stopped) return;
    let wait = POLL_MS;
    try {
      const review = await this.client.getReview(this.reviewId);
      if (this.stopped) return;
      this.handlers.onReview(review);
      if (TERMINAL.has(review.status)) {
        this.finished = true;
        this.handlers.onConnection("");
        return;
      }
    } catch (err) {
      if (this.stopped) return;
      this.handlers.onError(err);
      if (err instanceof ApiError && [401, 403, 404].includes(err.status)) return;
      if (err instanceof ApiError && err.status === 429 && err.retryAfter) {
        wait = Math.max(wait, err.retryAfter * 1000);
      } else {
        wait = POLL_MS * 2;
      }
    }
    this.timer = setTimeout(() => this.poll(), wait);
  }
}
