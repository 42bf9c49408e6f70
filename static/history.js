// The review history table: one page of the project's reviews, filtered by status, refreshed
// every few seconds while any row is still pending or in progress.
import { ApiError, describeError } from "./api.js";
import { ACTIVE, byId, el, formatDateTime, formatScore, formatVerdict, plural } from "./dom.js";
import { SEVERITY_ORDER, countBySeverity } from "./findings.js";

const PAGE_SIZE = 20;
const POLL_MS = 3000;

export class HistoryList {
  /**
   * @param {{
   *   onOpen: (review: object) => void,
   *   showError: (message: string) => void,
   *   clearError: (message?: string) => void,
   *   onUnauthorized: () => void,
   * }} hooks
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.client = null;
    this.offset = 0;
    this.total = 0;
    this.reviews = [];
    this.selectedId = null;
    this.timer = null;
    this.loading = 0;
    this.lastError = null;
    this.body = byId("history-body");
    this.table = byId("history-table");
    this.empty = byId("history-empty");
    this.filter = byId("status-filter");
    this.prev = byId("page-prev");
    this.next = byId("page-next");
    this.info = byId("page-info");
    this.filter.addEventListener("change", () => { this.offset = 0; this.load(); });
    this.prev.addEventListener("click", () => {
      this.offset = Math.max(0, this.offset - PAGE_SIZE);
      this.load();
    });
    this.next.addEventListener("click", () => {
      if (this.offset + PAGE_SIZE < this.total) this.offset += PAGE_SIZE;
      this.load();
    });
    this.body.addEventListener("click", (e) => this.openFrom(e.target));
    this.body.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") {
        e.preventDefault();
        this.openFrom(e.target);
      }
    });
  }

  /** Bind to a signed-in client and show `page` (the sign-in check's response) if given. */
  start(client, page) {
    this.stop();
    this.client = client;
    this.offset = 0;
    this.filter.value = "";
    if (page) this.show(page);
    else this.load();
  }

  stop() {
    clearTimeout(this.timer);
    this.timer = null;
    this.client = null;
    this.reviews = [];
    this.body.replaceChildren();
  }

  async load() {
    if (!this.client) return;
    clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    const ticket = ++this.loading;
    try {
      const page = await client.listReviews({ limit: PAGE_SIZE, offset: this.offset,
        status: this.filter.value });
      if (client !== this.client || ticket !== this.loading) return;
      if (this.lastError) this.hooks.clearError(this.lastError);
      this.lastError = null;
      this.show(page);
    } catch (err) {
      if (client !== this.client || ticket !== this.loading) return;
      this.lastError = describeError(err);
      this.hooks.showError(this.lastError);
      if (err instanceof ApiError && err.status === 401) {
        this.hooks.onUnauthorized();
        return;
      }
      const wait = err instanceof ApiError && err.status === 429 && err.retryAfter
        ? Math.max(POLL_MS, err.retryAfter * 1000) : POLL_MS * 2;
      if (this.reviews.some((r) => ACTIVE.has(r.status))) this.schedule(wait);
    }
  }

  schedule(wait = POLL_MS) {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.load(), wait);
  }

  show(page) {
    this.reviews = Array.isArray(page.reviews) ? page.reviews : [];
    this.total = Number(page.total) || 0;
    if (typeof page.offset === "number") this.offset = page.offset;
    this.body.replaceChildren(...this.reviews.map((r) => this.row(r)));
    this.empty.hidden = this.reviews.length > 0;
    this.table.hidden = this.reviews.length === 0;
    const first = this.reviews.length ? this.offset + 1 : 0;
    const last = this.offset + this.reviews.length;
    this.info.textContent = `${first}–${last} of ${this.total}`;
    this.prev.disabled = this.offset === 0;
    this.next.disabled = last >= this.total;
    if (this.reviews.some((r) => ACTIVE.has(r.status))) this.schedule();
  }

  row(r) {
    const verdict = formatVerdict(r.passed);
    const score = formatScore(r.consensus_score);
    return el("tr", {
      tabindex: "0", "data-testid": "review-row", "data-review-id": r.review_id,
      class: r.review_id === this.selectedId ? "selected" : null,
      "aria-current": r.review_id === this.selectedId ? "true" : null,
      "aria-label": `Review ${r.review_id}, ${r.status}`,
    },
      el("td", { "data-label": "Review" }, el("code", { text: shortId(r.review_id),
        title: r.review_id }), filesLine(r)),
      el("td", { "data-label": "Result" },
        el("span", { class: `status status-${r.status}`, "data-testid": "row-status", text: r.status }),
        el("div", { class: "row-score" },
          el("span", { "data-testid": "row-score", text: score }),
          verdict === "—" ? null : " · ",
          verdict === "—" ? null : el("span", { "data-testid": "row-verdict",
            class: verdict === "passed" ? "verdict-pass" : "verdict-fail", text: verdict }))),
      el("td", { "data-label": "Findings" }, severityCounts(r)),
      el("td", { "data-label": "When", class: "when" },
        el("div", { title: r.submitted_at ?? null, "data-testid": "row-submitted",
          text: `submitted ${formatDateTime(r.submitted_at)}` }),
        r.completed_at ? el("div", { title: r.completed_at, "data-testid": "row-completed",
          text: `${r.status === "completed" ? "finished" : r.status} ${formatDateTime(r.completed_at)}` })
          : null),
    );
  }

  /** Update a row in place from the live view (no request needed). */
  update(review) {
    const i = this.reviews.findIndex((r) => r.review_id === review.review_id);
    if (i === -1) return;
    this.reviews[i] = { ...this.reviews[i], ...review };
    const old = this.body.querySelector(`tr[data-review-id="${CSS.escape(review.review_id)}"]`);
    if (!old) return;
    const fresh = this.row(this.reviews[i]);
    const hadFocus = document.activeElement === old;
    old.replaceWith(fresh);
    if (hadFocus) fresh.focus();
  }

  select(reviewId) {
    this.selectedId = reviewId;
    for (const tr of this.body.querySelectorAll("tr")) {
      const on = tr.dataset.reviewId === reviewId;
      tr.classList.toggle("selected", on);
      if (on) tr.setAttribute("aria-current", "true");
      else tr.removeAttribute("aria-current");
    }
  }

  openFrom(target) {
    const tr = target instanceof Element ? target.closest("tr[data-review-id]") : null;
    if (!tr) return;
    const review = this.reviews.find((r) => r.review_id === tr.dataset.reviewId);
    if (review) this.hooks.onOpen(review);
  }
}

/**
 * The files a review covered: its coverage names the reviewed and the skipped ones (a review
 * still running is named from the files it was asked to look at, if any).
 */
function filesLine(r) {
  const cov = r.coverage || {};
  const names = new Set();
  for (const f of Array.isArray(cov.reviewed_files) ? cov.reviewed_files : []) names.add(String(f));
  for (const f of Array.isArray(r.findings) ? r.findings : []) if (f.file) names.add(String(f.file));
  for (const s of Array.isArray(cov.skipped) ? cov.skipped : []) if (s.path) names.add(String(s.path));
  for (const n of Array.isArray(r.file_names) ? r.file_names : []) names.add(String(n)); // summaries
  if (Array.isArray(r.files)) for (const f of r.files) names.add(String(f));
  const total = Number.isInteger(cov.files_total) ? cov.files_total
    : (Number.isInteger(r.files_total) ? r.files_total : names.size);
  if (!total && !names.size) return null;
  const listed = [...names].sort();
  const shown = listed.slice(0, 2).map((n) => n.split("/").pop()).join(", ");
  const rest = total - Math.min(2, listed.length);
  const text = shown ? `${plural(total, "file")}: ${shown}${rest > 0 ? ` +${rest} more` : ""}`
    : plural(total, "file");
  return el("div", { class: "row-files hint", "data-testid": "row-files", title: listed.join("\n") || null,
    text });
}

/** Finding counts by severity as small coloured badges ("—" before completion). */
function severityCounts(r) {
  // History pages carry counts per severity; a review updated live carries its findings.
  const counts = Array.isArray(r.findings) ? countBySeverity(r.findings)
    : (r.severity_counts && typeof r.severity_counts === "object" ? r.severity_counts : null);
  if (!counts) return "—";
  if (!SEVERITY_ORDER.some((s) => Number(counts[s]) > 0)) return el("span", { class: "clean", text: "none" });
  return el("span", { class: "counts", "data-testid": "row-counts" },
    ...SEVERITY_ORDER.filter((s) => counts[s] > 0).map((s) => el("span", {
      class: `count sev-${s}`, title: `${counts[s]} ${s}`, "data-severity": s, text: String(counts[s]) })));
}

function shortId(id) {
  const s = String(id ?? "");
  return s.length > 12 ? `${s.slice(0, 8)}…` : s;
}
