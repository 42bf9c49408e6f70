// The live review view: one review at a time, driven by its event stream. It owns the DOM of
// #review-view and reports every status change upward so the history row follows along.
import { ApiError, describeError } from "./api.js";
import { DiffView } from "./diff-view.js";
import { ACTIVE, TERMINAL, byId, el, formatDateTime, formatScore, formatVerdict } from "./dom.js";
import { FindingsFilter } from "./filters.js";
import { FindingsList } from "./findings.js";
import { ReportDownloads, showFixed, showGate } from "./gate-view.js";
import { ReviewStream } from "./stream.js";

export const ROLES = ["security", "correctness", "performance", "maintainability", "reliability"];
const STEP_TEXT = { parse: "parsing the diff", workspace: "preparing the workspace",
  reviewer: "running reviewers", score: "scoring" };

export class ReviewView {
  /**
   * @param {{
   *   onChange: (review: object) => void,
   *   showError: (message: string) => void,
   *   clearError: (message?: string) => void,
   * }} hooks
   */
  constructor(hooks) {
    this.hooks = hooks;
    this.client = null;
    this.stream = null;
    this.review = null;
    this.stages = new Map();
    this.step = ""; // what the engine is doing now, shown beside the progress bar
    this.renderedFindings = null; // the findings array on screen, to avoid re-rendering it
    this.root = byId("review-view");
    this.idEl = byId("review-id");
    this.statusEl = byId("review-status");
    this.connEl = byId("review-connection");
    this.progressEl = byId("review-progress");
    this.progressText = byId("review-progress-text");
    this.stagesEl = byId("stages");
    this.summaryEl = byId("review-summary");
    this.errorEl = byId("review-error");
    this.timesEl = byId("review-times");
    this.findingsTitle = byId("findings-title");
    this.findingsEl = byId("findings");
    this.coverageEl = byId("review-coverage");
    this.gateEl = byId("review-gate");
    this.fixedPanel = byId("fixed-panel");
    this.fixedList = byId("fixed-list");
    this.reports = new ReportDownloads(byId("review-reports"), { showError: (m) => this.hooks.showError(m) });
    this.resultPanel = byId("result-panel");
    this.diffTab = byId("show-diff");
    this.listTab = byId("show-findings");
    this.diffPanel = byId("diff-view");
    this.listPanel = byId("findings-panel");
    this.cancelBtn = byId("cancel-review");
    this.cancelBtn.addEventListener("click", () => this.cancel());
    this.list = new FindingsList(this.findingsEl, { onJump: (f) => this.jumpTo(f) });
    this.diffView = new DiffView(this.diffPanel, byId("diff-nav"), byId("diff-body"));
    this.filter = new FindingsFilter(() => this.drawFindings());
    this.diffText = null; // the open review's diff, once fetched
    this.diffTab.addEventListener("click", () => this.showTab("diff"));
    this.listTab.addEventListener("click", () => this.showTab("list"));
  }

  /** Switch between the diff (findings under their lines) and the findings list. */
  showTab(which) {
    const diff = which === "diff";
    this.diffTab.setAttribute("aria-selected", String(diff));
    this.listTab.setAttribute("aria-selected", String(!diff));
    this.diffPanel.hidden = !diff;
    this.listPanel.hidden = diff;
  }

  /** From the list to the line: show the diff and scroll the finding into view. */
  jumpTo(finding) {
    this.showTab("diff");
    if (!this.diffView.jumpTo(finding)) {
      this.hooks.showError(`${finding.file} is not in the diff on screen.`);
    }
  }

  /** (Re)draw the list and the diff with the findings that pass the filter. */
  drawFindings() {
    const all = this.renderedFindings;
    if (!Array.isArray(all)) return;
    const shown = this.filter.apply(all);
    showFixed(this.fixedPanel, this.fixedList, this.filter.showsFixed ? this.review : null);
    this.list.show(shown, all.length);
    if (this.diffText !== null) this.diffView.show(this.diffText, shown);
  }

  /** Fetch the submitted diff once per review, then draw it. */
  async loadDiff(id) {
    if (this.diffText !== null || this.diffLoading === id) return;
    this.diffLoading = id;
    this.diffView.clear("Loading the diff…");
    try {
      const text = await this.client.getDiff(id);
      if (this.reviewId !== id) return;
      this.diffText = text;
      this.drawFindings();
    } catch (err) {
      if (this.reviewId === id) this.diffView.clear(`The diff could not be loaded: ${describeError(err)}`);
    } finally {
      if (this.diffLoading === id) this.diffLoading = null;
    }
  }

  get reviewId() {
    return this.review ? this.review.review_id : null;
  }

  /** Show a review and follow it live. `initial` is whatever status object is already known. */
  open(client, reviewId, initial = {}) {
    this.close();
    this.client = client;
    this.review = { review_id: reviewId, status: "pending", ...initial };
    this.stages = new Map(ROLES.map((r) => [r, { state: "pending", findings: null }]));
    this.root.hidden = false;
    this.idEl.textContent = reviewId;
    this.errorEl.hidden = true;
    this.summaryEl.hidden = true;
    this.resultPanel.hidden = true;
    this.coverageEl.hidden = true;
    this.gateEl.hidden = true;
    this.fixedPanel.hidden = true;
    this.reports.root.hidden = true;
    this.findingsEl.replaceChildren();
    this.renderedFindings = null;
    this.diffText = null;
    this.diffLoading = null;
    this.diffView.clear();
    this.filter.clear();
    this.showTab("diff");
    this.step = "";
    this.setProgress(0);
    this.render();
    let streamError = null; // a polling error the next good update makes stale
    const recovered = () => {
      if (streamError) this.hooks.clearError(streamError);
      streamError = null;
    };
    this.stream = new ReviewStream(client, reviewId, {
      onEvent: (event) => { recovered(); this.applyEvent(event); },
      onReview: (review) => { recovered(); this.applyReview(review, true); },
      onConnection: (text) => { this.connEl.textContent = text ? `(${text})` : ""; },
      onError: (err) => {
        streamError = describeError(err);
        this.hooks.showError(streamError);
      },
    });
    this.stream.start();
  }

  /** Stop following and hide the view. */
  close() {
    if (this.stream) this.stream.stop();
    this.stream = null;
    this.review = null;
    this.root.hidden = true;
    this.connEl.textContent = "";
  }

  setProgress(value) {
    const n = Math.max(0, Math.min(100, Math.round(Number(value) || 0)));
    this.progressEl.value = n;
    const active = this.review && !TERMINAL.has(this.review.status);
    this.progressText.textContent = this.step && active && n < 100 ? `${n}% · ${this.step}` : `${n}%`;
  }

  applyEvent(event) {
    if (!this.review || (event.review_id && event.review_id !== this.review.review_id)) return;
    if (typeof event.progress === "number") this.setProgress(event.progress);
    const data = event.data && typeof event.data === "object" ? event.data : {};
    switch (event.type) {
      case "snapshot":
        this.applyReview({ ...data, status: data.status ?? event.status }, true);
        return;
      case "queued":
        if (typeof data.queue_position === "number" && data.queue_position > 0) {
          this.step = `queued, position ${data.queue_position}`;
          this.setProgress(this.progressEl.value);
        }
        break;
      case "stage":
        this.applyStage(data);
        break;
      case "completed":
        this.applyReview({ ...data, status: "completed" });
        if (!Array.isArray(data.findings)) this.refresh();
        return;
      case "failed":
        this.applyReview({ status: "failed", error: data.error ?? this.review.error });
        this.refresh();
        return;
      case "cancelled":
        this.applyReview({ status: "cancelled" });
        this.refresh();
        return;
      default:
        break;
    }
    if (event.status && event.status !== this.review.status) {
      this.applyReview({ status: event.status });
    }
  }

  applyStage(data) {
    const step = STEP_TEXT[data.stage];
    if (data.stage === "reviewer" && this.stages.has(data.reviewer)) {
      const stage = this.stages.get(data.reviewer);
      if (data.state === "started" && stage.state === "pending") stage.state = "running";
      if (data.state === "finished") {
        stage.state = "done";
        if (typeof data.findings === "number") stage.findings = data.findings;
      }
    }
    if (step && data.state === "started") {
      this.step = step;
      this.setProgress(this.progressEl.value);
    }
    if (this.review.status === "pending") this.review.status = "in_progress";
    this.render();
  }

  /**
   * Merge a (partial) status object into the view and re-render. Only an authoritative
   * update (snapshot, GET, DELETE) may move a finished review back: replayed events may not.
   */
  applyReview(update, authoritative = false) {
    if (!this.review || (update.review_id && update.review_id !== this.review.review_id)) return;
    const clean = Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
    if (!authoritative && TERMINAL.has(this.review.status) && !TERMINAL.has(clean.status)) {
      delete clean.status;
    }
    this.review = { ...this.review, ...clean };
    if (update.reviewers && typeof update.reviewers === "object") {
      for (const [role, report] of Object.entries(update.reviewers)) {
        if (!this.stages.has(role) || !report) continue;
        const state = report.status === "failed" ? "failed"
          : report.status === "skipped" ? "skipped" : "done";
        this.stages.set(role, { state, findings: report.findings ?? null });
      }
    }
    if (this.review.status === "completed") this.setProgress(100);
    this.render();
    this.hooks.onChange(this.review);
  }

  /** Fetch the full review (e.g. after a terminal event without details). */
  async refresh() {
    const id = this.reviewId;
    if (!id || !this.client) return;
    try {
      const review = await this.client.getReview(id);
      if (this.reviewId === id) this.applyReview(review, true);
    } catch (err) {
      this.hooks.showError(describeError(err));
    }
  }

  async cancel() {
    const id = this.reviewId;
    if (!id || !this.client) return;
    this.hooks.clearError();
    this.cancelBtn.disabled = true;
    try {
      const review = await this.client.cancelReview(id);
      if (this.reviewId === id) this.applyReview({ ...review, status: review.status ?? "cancelled" }, true);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        this.hooks.showError(`This review has already finished, so it cannot be cancelled. ${describeError(err)}`);
        await this.refresh();
      } else {
        this.hooks.showError(describeError(err));
      }
    } finally {
      this.cancelBtn.disabled = false;
      this.render();
    }
  }

  render() {
    const r = this.review;
    if (!r) return;
    this.statusEl.textContent = r.status;
    if (TERMINAL.has(r.status)) this.setProgress(this.progressEl.value);
    this.statusEl.className = `status status-${r.status}`;
    this.cancelBtn.hidden = !ACTIVE.has(r.status);
    this.renderStages(r.status);
    const done = r.status === "completed";
    this.summaryEl.hidden = !done;
    if (done) {
      byId("summary-score").textContent = formatScore(r.consensus_score);
      const verdict = byId("summary-verdict");
      verdict.textContent = formatVerdict(r.passed);
      verdict.className = r.passed === true ? "verdict-pass" : r.passed === false ? "verdict-fail" : "";
      byId("summary-tier").textContent = r.tier ?? "—";
      byId("summary-risk").textContent = r.risk == null ? "—" : formatScore(r.risk);
    }
    const failed = r.status === "failed" && r.error;
    this.errorEl.hidden = !failed;
    if (failed) this.errorEl.textContent = `Review failed: ${r.error}`;
    const times = [`Submitted ${formatDateTime(r.submitted_at)}`];
    if (r.started_at) times.push(`started ${formatDateTime(r.started_at)}`);
    if (r.completed_at) times.push(`finished ${formatDateTime(r.completed_at)}`);
    this.timesEl.textContent = times.join(" · ");
    const cov = r.coverage;
    this.coverageEl.hidden = !(done && cov);
    if (done && cov) {
      const skipped = Array.isArray(cov.skipped) && cov.skipped.length ? `; ${cov.skipped.length} skipped` : "";
      const how = cov.mode === "repo" ? "Repository mode (whole files)"
        : /^diff-only project/.test(cov.mode_reason || "") ? "Diff-only project (no repository path)"
          : `Diff-only mode${cov.mode_reason ? ` (${cov.mode_reason})` : ""}`;
      this.coverageEl.textContent = `${how}: reviewed ${cov.reviewed ?? "?"} of ${cov.files_total ?? "?"} files${skipped}.`;
    }
    showGate(this.gateEl, done ? r : null);
    if (!done) showFixed(this.fixedPanel, this.fixedList, null);
    this.reports.show(this.client, r);
    if (done && Array.isArray(r.findings) && r.findings !== this.renderedFindings) {
      this.renderedFindings = r.findings;
      this.resultPanel.hidden = false;
      this.findingsTitle.textContent = `Findings (${r.findings.length})`;
      this.listTab.textContent = `Findings (${r.findings.length})`;
      this.filter.populate(r.findings, Array.isArray(r.fixed) ? r.fixed.length : 0);
      this.drawFindings();
      this.loadDiff(r.review_id);
    }
  }

  renderStages(status) {
    const items = ROLES.map((role) => {
      const stage = this.stages.get(role);
      let label = stage.state;
      if (stage.state === "running" && TERMINAL.has(status)) label = status === "completed" ? "done" : "stopped";
      if (stage.state === "pending" && (status === "failed" || status === "cancelled")) label = "not run";
      if (label === "done" && stage.findings != null) {
        label = `done · ${stage.findings} finding${stage.findings === 1 ? "" : "s"}`;
      }
      const cls = label.split(" ")[0].replace(/[^a-z]/g, "");
      return el("li", { class: `stage stage-${cls}`, "data-testid": "stage", "data-role": role,
        "data-state": stage.state },
        el("span", { class: "stage-role", text: role }),
        el("span", { class: "stage-state", text: label }));
    });
    this.stagesEl.replaceChildren(...items);
  }
}
